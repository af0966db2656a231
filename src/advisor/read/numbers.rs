//! Word numbers shared by the readers.
