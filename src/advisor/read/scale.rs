use super::{Reading, Unreadable};
pub fn read_scale(_text: &str) -> Result<Reading, Unreadable> {
    Err(Unreadable::NotOnScale)
}
