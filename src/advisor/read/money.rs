use super::{Reading, Unreadable};
pub fn read_money(_text: &str) -> Result<Reading, Unreadable> {
    Err(Unreadable::NoAmount)
}
