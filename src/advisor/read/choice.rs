use super::{Reading, Unreadable};
use crate::advisor::content::Choice;
pub fn read_choices(_text: &str, _choices: &[Choice], _many: bool) -> Result<Reading, Unreadable> {
    Err(Unreadable::NoChoice)
}
