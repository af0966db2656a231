//! How records are laid out in sled: keys and versioned values.

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;
