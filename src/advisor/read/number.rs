use super::{Reading, Unreadable};
pub fn read_number(_text: &str, _unit: Option<&str>) -> Result<Reading, Unreadable> {
    Err(Unreadable::NoNumber)
}
