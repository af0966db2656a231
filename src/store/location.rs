//! What a database name (`--db`, `ADVISOR_DB`) names: a PostgreSQL server or a sled folder.
//!
//! A name that looks like a URL (`scheme://…`) is never taken for a folder: a mistyped scheme
//! (`postgress://`, `sqlite://`) would otherwise become a folder of that name in the working
//! directory, with answers confirmed there and the URL's password part of the folder's name. Only
//! `postgres://` and `postgresql://` name a server, in any case and after any leading spaces.

use std::path::PathBuf;
use std::sync::LazyLock;

use regex::Regex;

use super::StoreError;

/// A name that starts like a URL: a scheme (RFC 3986's letters) then `:/` or `://`, after any
/// spaces. `:/` too, so that `postgres:/user@host` is not a folder either.
static URL_SCHEME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):/").expect("the URL scheme pattern compiles"));

/// The secret parts of a connection string: a URL's `user:PASSWORD@` and a `password=VALUE` pair.
static SECRETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<keep>[^:/@\s]*:)[^@/\s]*@|(?P<pair>password\s*=\s*)\S+").expect("the secrets pattern compiles")
});

/// Where the records are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Location {
    /// A sled folder.
    Sled(PathBuf),
    /// A PostgreSQL server, as a `postgres://` URL with its scheme in lower case and no spaces
    /// around it.
    Postgres(String),
}

/// What `name` names. Errors with [`StoreError::NotAServer`] for a URL of another scheme, or one
/// whose scheme is misspelt; the message shows the scheme, never the rest.
pub(crate) fn locate(name: &std::ffi::OsStr) -> Result<Location, StoreError> {
    let Some(text) = name.to_str() else {
        // Not UTF-8, so not a URL of ours: a folder whose name the OS gave.
        return Ok(Location::Sled(PathBuf::from(name)));
    };
    let Some(found) = URL_SCHEME.captures(text) else {
        return Ok(Location::Sled(PathBuf::from(name)));
    };
    let scheme = found[1].to_ascii_lowercase();
    let rest = &text[found.get(1).expect("the scheme is captured").end()..];
    match scheme.as_str() {
        "postgres" | "postgresql" if rest.starts_with("://") => {
            Ok(Location::Postgres(format!("{scheme}{}", rest.trim_end())))
        }
        _ => Err(StoreError::NotAServer {
            scheme: found[1].to_owned(),
        }),
    }
}

/// `text` with any password in it blanked: for a name shown in a message or a log.
pub(crate) fn redact(text: &str) -> String {
    SECRETS
        .replace_all(text, |found: &regex::Captures| {
            match (found.name("keep"), found.name("pair")) {
                (Some(keep), _) => format!("{}***@", keep.as_str()),
                (_, Some(pair)) => format!("{}***", pair.as_str()),
                _ => String::new(),
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::{locate, redact, Location};
    use crate::store::StoreError;

    #[test]
    fn only_postgres_urls_name_a_server_and_any_other_url_is_refused_without_its_password() {
        let server = |url: &str| Location::Postgres(url.to_owned());
        let folder = |path: &str| Location::Sled(path.into());
        let table: &[(&str, Option<Location>)] = &[
            ("advisor-db", Some(folder("advisor-db"))),
            ("/var/lib/advisor", Some(folder("/var/lib/advisor"))),
            ("data/a:b", Some(folder("data/a:b"))),
            ("postgres://u:pw@h/db", Some(server("postgres://u:pw@h/db"))),
            ("postgresql://u@h/db", Some(server("postgresql://u@h/db"))),
            ("Postgres://u:pw@h/db", Some(server("postgres://u:pw@h/db"))),
            ("POSTGRESQL://u@h/db", Some(server("postgresql://u@h/db"))),
            (" postgres://u:pw@h/db", Some(server("postgres://u:pw@h/db"))),
            ("\tpostgres://u@h/db \n", Some(server("postgres://u@h/db"))),
            ("postgress://u:pw@h/db", None),
            ("sqlite://u:pw@h/db", None),
            (" sqlite:///tmp/x", None),
            ("postgres:/u:pw@h/db", None),
            ("mysql://root:pw@h/db", None),
            ("file:///tmp/db", None),
        ];
        for (name, want) in table {
            let got = locate(std::ffi::OsStr::new(name));
            match (want, got) {
                (Some(want), Ok(got)) => assert_eq!(&got, want, "{name:?}"),
                (None, Err(err @ StoreError::NotAServer { .. })) => {
                    let message = err.to_string();
                    assert!(!message.contains("pw"), "{name:?}: {message}");
                    assert!(!message.contains('\n'), "{name:?}: one line: {message}");
                }
                (want, got) => panic!("{name:?}: wanted {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn a_password_is_blanked_wherever_it_sits() {
        let table = [
            ("postgres://ann:s3cret@h/db", "postgres://ann:***@h/db"),
            ("postgress://ann:s3cret@h:5432/db", "postgress://ann:***@h:5432/db"),
            ("host=h password=s3cret user=ann", "host=h password=*** user=ann"),
            ("advisor-db", "advisor-db"),
            ("data/a:b", "data/a:b"),
        ];
        for (text, want) in table {
            assert_eq!(redact(text), want, "{text}");
        }
    }
}
