//! prompts/ and data/: `check` passes the shipped content and catches each kind of mistake, and
//! the questions the figures are read from are named in data.

mod checks;
mod roles;
