//! What keeps stored data useless to whoever copies the database: bearer
//! secrets kept only as hashes, and the portal's own key for what must be read back.
pub mod keys;
pub mod tokens;

pub use tokens::random_photo_key;
