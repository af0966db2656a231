//! Where the tests' PostgreSQL is, and a schema of its own for each test.
//!
//! `TEST_DATABASE_URL` names the server; under `CI=true` it defaults to
//! `postgres://postgres@127.0.0.1:5432/test`. Without either, [`schema`] prints one line saying
//! the test is skipped and returns None. Under `CI=true` a server that can't be reached fails it.

use std::sync::atomic::{AtomicU32, Ordering};

const CI_DEFAULT: &str = "postgres://postgres@127.0.0.1:5432/test";

/// The server to test against, if there is one to use.
pub fn base_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").as_deref() == Ok("true") => Some(CI_DEFAULT.to_owned()),
        _ => None,
    }
}

/// A schema made for one test and dropped (with everything in it) when this is dropped.
pub struct Schema {
    base: String,
    pub name: String,
}

impl Schema {
    /// A URL whose connections work in this schema alone (search_path set at connect).
    pub fn url(&self) -> String {
        let sep = if self.base.contains('?') { '&' } else { '?' };
        format!("{}{sep}options=-csearch_path%3D{}", self.base, self.name)
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let _ = execute(&self.base, &format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
    }
}

/// Runs `sql` on the server at `url`, on a connection of its own.
pub fn execute(url: &str, sql: &str) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .map_err(|e| e.to_string())?;
        let driver = tokio::spawn(connection);
        let result = client.batch_execute(sql).await.map_err(|e| e.to_string());
        drop(client);
        let _ = driver.await;
        result
    })
}

/// A fresh schema for `test`, or None (after one line on stderr) where no PostgreSQL is set up.
/// Panics under CI=true, or with TEST_DATABASE_URL set, when the server can't be reached.
pub fn schema(test: &str) -> Option<Schema> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let Some(base) = base_url() else {
        eprintln!("skipped {test}: no PostgreSQL (set TEST_DATABASE_URL, or CI=true for {CI_DEFAULT})");
        return None;
    };
    let name = format!(
        "t_{}_{}_{}",
        test.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(24)
            .collect::<String>()
            .to_lowercase(),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    execute(
        &base,
        &format!("DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"),
    )
    .unwrap_or_else(|e| panic!("PostgreSQL for the tests could not be used ({e}); is it running?"));
    Some(Schema { base, name })
}
