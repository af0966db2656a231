use super::{Reading, Unreadable};
pub fn read_hours(_text: &str) -> Result<Reading, Unreadable> {
    Err(Unreadable::NoTime)
}
