//! The sled backend.

/// Per-user records in a sled database.
pub struct SledStore;
