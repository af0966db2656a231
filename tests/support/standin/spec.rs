//! Judged by Discord's own OpenAPI 3.1 spec: each request's body is validated against its
//! operation's request schema (JSON Schema 2020-12, `$ref`s resolved within the spec).
//!
//! The spec is read from DISCORD_OPENAPI_SPEC, else from ../shared/discord/openapi.json next to the
//! repository (present in CI and on the team's machines, never copied into the repo). Without it
//! the spec checks are skipped with one line saying why; under CI=true that is an error.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use jsonschema::{Draft, Validator};
use serde_json::{json, Value};

use super::Recorded;

pub struct Spec {
    document: Value,
    /// Compiled validators by "METHOD /template request|response STATUS".
    cache: Mutex<HashMap<String, Arc<Validator>>>,
}

/// Where the spec is expected.
pub fn spec_path() -> PathBuf {
    match std::env::var_os("DISCORD_OPENAPI_SPEC") {
        Some(path) => PathBuf::from(path),
        None => crate::root().join("../shared/discord/openapi.json"),
    }
}

impl Spec {
    /// Loads the spec, or says in one line why the spec checks are skipped (an error under CI).
    pub fn load() -> Option<Spec> {
        let path = spec_path();
        match std::fs::read(&path) {
            Ok(bytes) => {
                let document: Value = serde_json::from_slice(&bytes).expect("Discord's OpenAPI spec is valid JSON");
                Some(Spec {
                    document,
                    cache: Mutex::new(HashMap::new()),
                })
            }
            Err(err) => {
                let ci = std::env::var("CI").is_ok_and(|v| v == "true");
                assert!(
                    !ci,
                    "CI=true but Discord's OpenAPI spec is missing at {} ({err})",
                    path.display()
                );
                eprintln!(
                    "spec checks skipped: no Discord OpenAPI spec at {} ({err}); limit checks still run",
                    path.display()
                );
                None
            }
        }
    }

    /// The spec's path template matching a concrete path, preferring the most literal one.
    pub fn template_for(&self, path: &str) -> Option<String> {
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        self.document["paths"]
            .as_object()?
            .keys()
            .filter_map(|template| {
                let parts: Vec<&str> = template.trim_start_matches('/').split('/').collect();
                if parts.len() != segments.len() {
                    return None;
                }
                let mut literal = 0;
                for (part, segment) in parts.iter().zip(&segments) {
                    if part.starts_with('{') && part.ends_with('}') {
                        continue;
                    }
                    if part != segment {
                        return None;
                    }
                    literal += 1;
                }
                Some((literal, template.clone()))
            })
            .max_by_key(|(literal, _)| *literal)
            .map(|(_, template)| template)
    }

    fn validator(&self, key: String, pointer: &[&str]) -> Result<Option<Arc<Validator>>, String> {
        if let Some(found) = self.cache.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            return Ok(Some(Arc::clone(found)));
        }
        let mut schema = &self.document;
        for step in pointer {
            match schema.get(*step) {
                Some(next) => schema = next,
                None => return Ok(None),
            }
        }
        // The target schema becomes a component of a copy of the spec, and the root refers to it,
        // so every `#/components/...` inside it resolves within the spec.
        let mut root = self.document.clone();
        root["components"]["schemas"]["__StandInTarget"] = schema.clone();
        root["$ref"] = json!("#/components/schemas/__StandInTarget");
        let validator = jsonschema::options()
            .with_draft(Draft::Draft202012)
            .build(&root)
            .map_err(|err| format!("the spec's schema for {key} does not compile: {err}"))?;
        let validator = Arc::new(validator);
        self.cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, Arc::clone(&validator));
        Ok(Some(validator))
    }

    /// Checks a request: its operation exists, and its body matches the request schema.
    pub fn check_request(&self, request: &Recorded) -> Result<(), String> {
        let template = self
            .template_for(&request.path)
            .ok_or("no such path in Discord's API")?;
        let method = request.method.to_lowercase();
        let operation = &self.document["paths"][&template][&method];
        if operation.is_null() {
            return Err(format!("{} is not an operation of {template}", request.method));
        }
        let Some(body) = &request.body else {
            return Ok(());
        };
        let content = if request.files.is_empty() {
            "application/json"
        } else {
            "multipart/form-data"
        };
        let key = format!("{method} {template} request {content}");
        let pointer = [
            "paths",
            template.as_str(),
            method.as_str(),
            "requestBody",
            "content",
            "application/json",
            "schema",
        ];
        let Some(validator) = self.validator(key, &pointer)? else {
            return Err(format!("{} {template} takes no JSON body", request.method));
        };
        errors(&validator, body)
    }

    /// Checks one of the stand-in's own responses against the spec's response schema.
    pub fn check_response(&self, method: &str, path: &str, status: u16, body: &Value) -> Result<(), String> {
        let template = self.template_for(path).ok_or("no such path in Discord's API")?;
        let method = method.to_lowercase();
        let status = status.to_string();
        let key = format!("{method} {template} response {status}");
        let pointer = [
            "paths",
            template.as_str(),
            method.as_str(),
            "responses",
            status.as_str(),
            "content",
            "application/json",
            "schema",
        ];
        match self.validator(key, &pointer)? {
            Some(validator) => errors(&validator, body),
            None => Err(format!("{method} {template} documents no {status} JSON response")),
        }
    }
}

fn errors(validator: &Validator, body: &Value) -> Result<(), String> {
    let problems: Vec<String> = validator
        .iter_errors(body)
        .take(5)
        .map(|err| format!("at {}: {err}", err.instance_path))
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("breaks Discord's OpenAPI schema: {}", problems.join("; ")))
    }
}
