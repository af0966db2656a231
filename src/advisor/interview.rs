//! engine
pub struct Interview; pub enum Input {} pub enum Screen {} pub struct Step;
