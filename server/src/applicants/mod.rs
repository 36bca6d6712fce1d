//! What an applicant sees once signed in: the profiles they complete (their
//! own and those of the minors held under them).
pub mod profiles;
