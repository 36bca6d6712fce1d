//! Invitations: issued to a case's principal applicant when the case comes in
//! (`issue`), answered through the emailed link (`answer`).
pub mod answer;
pub mod issue;
