use super::{Reading, Unreadable};
pub fn read_yes_no(_text: &str) -> Result<Reading, Unreadable> {
    Err(Unreadable::NotYesNo)
}
