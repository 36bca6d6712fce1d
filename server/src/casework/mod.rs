//! Cases: approved applications coming in from the upstream API, a CSV file or
//! an officer's form (`intake`), and the officers' desk over them (`desk`).
pub mod case_file;
pub mod desk;
pub mod intake;
pub mod progress;
pub mod search;
