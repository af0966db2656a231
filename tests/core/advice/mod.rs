//! The advice: the hard lines of data/rules.toml, and properties over generated answer sets.

mod lines;
mod owners;
mod props;
mod settled;
