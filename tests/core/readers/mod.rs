//! The answer readers: a table of how people type, a second table of how they hedge, owners'
//! sentences with what each must end as, and properties over anything typed.

mod phrasings;
mod props;
mod sentences;
mod table;
