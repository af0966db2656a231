//! The one `Data` every handler is handed: the content and the store. No globals.

use std::sync::Arc;

use crate::advisor::Content;
use crate::session::Session;
use crate::store::Store;

pub struct Data {
    pub content: Content,
    pub store: Arc<dyn Store>,
}

impl Data {
    pub fn new(content: Content, store: Arc<dyn Store>) -> Self {
        Data { content, store }
    }

    pub fn session(&self) -> Session<'_> {
        Session::new(&self.content, self.store.as_ref())
    }
}
