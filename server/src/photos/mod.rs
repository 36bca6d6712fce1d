//! PR card photos: received from the signed-in photo step and checked again by
//! the shared engine (`receive`), and the engine on files from the command line (`cli_check`).
pub mod cli_check;
pub mod receive;
