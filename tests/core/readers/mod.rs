//! The answer readers: a table of how people type, a second table of how they hedge, and
//! properties over anything typed.

mod phrasings;
mod props;
mod table;
