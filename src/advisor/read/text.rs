use super::{Reading, Unreadable};
pub fn read_text(_text: &str) -> Result<Reading, Unreadable> {
    Err(Unreadable::Vague)
}
