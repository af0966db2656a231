//! How records are laid out in sled: keys and versioned values.
//!
//! # Keys
//!
//! Every record of a user lives under that user's prefix, so one prefix scan finds exactly that
//! user's records and nobody else's:
//!
//! ```text
//! user prefix   u \0 ESC(user id) \0
//! interview     <user prefix> interview
//! settings      <user prefix> settings
//! assessment    <user prefix> assessment \0 AT SEQ
//! check-ins     <user prefix> checkins
//! due check-in  <user prefix> checkins \0 due \0 AT
//! set aside     <user prefix> set-aside \0 KIND \0 AT SEQ
//! ```
//!
//! The due key is the durable due index (see `sled::checkins`): at most one per user, `AT` the
//! time the next check-in is due, big-endian like the assessments'. Being under the user's
//! prefix, `forget` deletes it and `export` lists it with the rest.
//!
//! - `ESC` escapes the two bytes the layout reserves: `0x00` becomes `0x01 0x01` and `0x01`
//!   becomes `0x01 0x02`; every other byte is kept. An escaped id therefore never contains `0x00`,
//!   so the `\0` that ends the prefix cannot occur inside an id, and no user's prefix is a prefix of
//!   another's: `local:a` (`u\0local:a\0`) does not match `local:ab` (`u\0local:ab\0`) nor
//!   `local:a\0settings`. Ordinary ids (`discord:1234`, `local:NAME`) contain neither byte, so their
//!   keys read as plain text in a raw dump.
//! - `AT` is the assessment's time (seconds since the Unix epoch) and `SEQ` a number from sled's
//!   id generator, unique in the database; both are 8-byte **big-endian** `u64`s so that byte order
//!   is numeric order. A scan of `<user prefix> assessment \0` thus yields assessments oldest first
//!   (ties in the order they were added), and two assessments in the same second never collide.
//! - A set-aside record is the bytes of a record that could not be decoded (damaged, not newer),
//!   moved out of the way by the write that replaced it ([`set_aside_key`]): `KIND` is the key it
//!   was under (`interview`, `settings`), `AT` and `SEQ` as an assessment's. Nothing reads it;
//!   `export` lists it with its error and its bytes, and `forget` deletes it.
//! - Under a user's prefix, a build may find kinds it does not know (written by a newer version).
//!   They are left alone by [`super::Store::load`], shown by `export` and deleted by `forget`.
//!
//! # Values
//!
//! Each value is a JSON envelope: `{"v": SCHEMA_VERSION, "data": <the record>}`, where the record is
//! the serde JSON of an [`Interview`](crate::advisor::Interview), a
//! [`Settings`](super::Settings) or an [`Assessment`](super::Assessment). A reader that finds
//! `v` above [`SCHEMA_VERSION`] refuses the record with [`StoreError::NewerSchema`] and never
//! writes over it; JSON that does not parse (or does not fit the record's type) is a
//! [`StoreError::BadRecord`]. The detail of a bad record gives the kind of problem and where it is,
//! never the stored text (which may be a user's private answer).
//!
//! The envelope is stored compressed ([`encode`]): a marker byte that names the zstd dictionary
//! ([`DICTIONARY_2_MARKER`] today), then one zstd frame compressed against it. Every older way a
//! value was stored still reads ([`plain`]), so older databases read as they are, with no
//! migration: a frame after [`DICTIONARY_1_MARKER`] against [`DICTIONARY_1`], a bare zstd frame
//! (no dictionary), and plain JSON (a value starting with neither a marker nor zstd's magic
//! number), as every value was written before records were compressed.
//!
//! # Training a dictionary
//!
//! A dictionary is trained on the stored JSON of the records as the personas in tests/personas
//! produce them (the dentist's and the gym owner's held out), with the zstd command-line tool:
//!
//! ```text
//! RECORD_SAMPLES=/tmp/samples cargo test --test store -- --ignored record_dictionary_samples
//! zstd --train -r /tmp/samples --maxdict=65536 -o src/store/record-dictionary-N.zdict
//! RECORD_SAMPLES_HELD_OUT=1 RECORD_SAMPLES=/tmp/held cargo test --test store -- --ignored record_dictionary_samples
//! for f in /tmp/held/dentist-*; do zstd -3 --no-check -c -D src/store/record-dictionary-N.zdict $f | wc -c; done
//! ```
//!
//! The sample writer is an ignored test (tests/store/dictionary.rs), outside the normal build and
//! run. A new dictionary is a new file and a new marker byte, read beside the old ones (which stay
//! for the records they wrote, byte for byte), and written by [`encode`] from then on.

use std::borrow::Cow;

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{StoreError, UserId};

/// The schema version this build writes and the newest it reads.
///
/// - 1: the first.
/// - 2: an assessment's advice is data (ids, readings, figures), not sentences: a `status`, an
///   optional `outcome`, the `lines` that applied, structured reasons, changes and checklist
///   entries, the failure point in three parts, and the figures. Interviews and settings are
///   unchanged. See [`Migrate`] for how a version-1 record is read.
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest schema version this build reads.
const OLDEST_SUPPORTED: u64 = 1;

const USERS: &[u8] = b"u\0";
const INTERVIEW: &[u8] = b"interview";
const SETTINGS: &[u8] = b"settings";
const ASSESSMENT: &[u8] = b"assessment\0";
pub(crate) const CHECKINS: &[u8] = b"checkins";
pub(crate) const CHECKIN_DUE: &[u8] = b"checkins\0due\0";
const SET_ASIDE: &[u8] = b"set-aside\0";

/// Escapes a user id so that it contains no `0x00` (see the module docs).
fn escape(id: &str, out: &mut Vec<u8>) {
    for &b in id.as_bytes() {
        match b {
            0x00 => out.extend_from_slice(&[0x01, 0x01]),
            0x01 => out.extend_from_slice(&[0x01, 0x02]),
            _ => out.push(b),
        }
    }
}

/// Reverses [`escape`]; None if `bytes` is not a valid escaped id.
fn unescape(bytes: &[u8]) -> Option<String> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut it = bytes.iter();
    while let Some(&b) = it.next() {
        match b {
            0x00 => return None,
            0x01 => match it.next() {
                Some(0x01) => out.push(0x00),
                Some(0x02) => out.push(0x01),
                _ => return None,
            },
            _ => out.push(b),
        }
    }
    String::from_utf8(out).ok()
}

/// The prefix every key of `user` starts with: `u\0 ESC(user) \0`.
pub(crate) fn user_prefix(user: &UserId) -> Vec<u8> {
    let mut key = Vec::with_capacity(USERS.len() + user.0.len() + 1 + ASSESSMENT.len() + 16);
    key.extend_from_slice(USERS);
    escape(&user.0, &mut key);
    key.push(0);
    key
}

/// The prefix of all user keys; every key this store writes starts with it.
pub(crate) fn all_users_prefix() -> &'static [u8] {
    USERS
}

/// The key of `user`'s interview in progress.
pub(crate) fn interview_key(user: &UserId) -> Vec<u8> {
    let mut key = user_prefix(user);
    key.extend_from_slice(INTERVIEW);
    key
}

/// The key of `user`'s settings.
pub(crate) fn settings_key(user: &UserId) -> Vec<u8> {
    let mut key = user_prefix(user);
    key.extend_from_slice(SETTINGS);
    key
}

/// The prefix of all `user`'s assessments.
pub(crate) fn assessments_prefix(user: &UserId) -> Vec<u8> {
    let mut key = user_prefix(user);
    key.extend_from_slice(ASSESSMENT);
    key
}

/// The key of one assessment of `user`, made at `at` (seconds since the epoch) with the unique
/// sequence number `seq`.
pub(crate) fn assessment_key(user: &UserId, at: u64, seq: u64) -> Vec<u8> {
    let mut key = assessments_prefix(user);
    key.extend_from_slice(&at.to_be_bytes());
    key.extend_from_slice(&seq.to_be_bytes());
    key
}

/// The key under which `user`'s record of `kind` (a [`Kind::Interview`] or [`Kind::Settings`]),
/// damaged, is set aside at `at` (seconds since the epoch) with the unique number `seq`.
pub(crate) fn set_aside_key(user: &UserId, kind: &Kind, at: u64, seq: u64) -> Vec<u8> {
    let mut key = user_prefix(user);
    key.extend_from_slice(SET_ASIDE);
    key.extend_from_slice(kind.label().as_bytes());
    key.push(0);
    key.extend_from_slice(&at.to_be_bytes());
    key.extend_from_slice(&seq.to_be_bytes());
    key
}

/// True for a record that is damaged (it cannot be decoded), rather than written by a newer
/// version (which is kept where it is, for that version) or not read at all: such a record is set
/// aside by the next write that replaces it, so that one bad record never locks its owner out.
pub(crate) fn is_damaged(err: &StoreError) -> bool {
    matches!(err, StoreError::BadRecord { .. })
}

/// Given any key under [`all_users_prefix`], the user it belongs to and the key that comes after
/// all of that user's keys (for skipping to the next user). None for a key this layout did not
/// write.
pub(crate) fn split_user(key: &[u8]) -> Option<(UserId, Vec<u8>)> {
    let rest = key.strip_prefix(USERS)?;
    let end = rest.iter().position(|&b| b == 0)?;
    let user = UserId(unescape(&rest[..end])?);
    // `u\0 ESC \x01` sorts after every `u\0 ESC \0 ...` and before any other user's keys
    // (an escaped id that extends ESC continues with a byte >= 0x01, so it sorts after it too).
    let mut past = key[..USERS.len() + end].to_vec();
    past.push(0x01);
    Some((user, past))
}

/// What a key under a user's prefix holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Interview,
    Settings,
    Assessment {
        at: u64,
        seq: u64,
    },
    Checkins,
    CheckinDue {
        at: u64,
    },
    /// A damaged record set aside ([`set_aside_key`]): the label of the key it was under.
    SetAside {
        of: String,
        at: u64,
        seq: u64,
    },
    /// A key this build does not know (a newer version's, or damaged): the bytes after the prefix.
    Other(Vec<u8>),
}

impl Kind {
    /// The kind of `key`, which must start with `prefix` (the user's prefix).
    pub(crate) fn of(prefix: &[u8], key: &[u8]) -> Kind {
        let rest = key.strip_prefix(prefix).unwrap_or(key);
        if rest == INTERVIEW {
            return Kind::Interview;
        }
        if rest == SETTINGS {
            return Kind::Settings;
        }
        if rest == CHECKINS {
            return Kind::Checkins;
        }
        if let Some(Ok(at)) = rest.strip_prefix(CHECKIN_DUE).map(<[u8; 8]>::try_from) {
            return Kind::CheckinDue {
                at: u64::from_be_bytes(at),
            };
        }
        if let Some(aside) = rest.strip_prefix(SET_ASIDE) {
            if let Some(end) = aside.iter().position(|&b| b == 0) {
                let numbers = &aside[end + 1..];
                if let (Ok(of), Ok(at), Ok(seq)) = (
                    std::str::from_utf8(&aside[..end]),
                    numbers.get(..8).unwrap_or_default().try_into(),
                    numbers.get(8..).unwrap_or_default().try_into(),
                ) {
                    return Kind::SetAside {
                        of: of.to_owned(),
                        at: u64::from_be_bytes(at),
                        seq: u64::from_be_bytes(seq),
                    };
                }
            }
        }
        if let Some(numbers) = rest.strip_prefix(ASSESSMENT) {
            if let (Ok(at), Ok(seq)) = (
                numbers.get(..8).unwrap_or_default().try_into(),
                numbers.get(8..).unwrap_or_default().try_into(),
            ) {
                return Kind::Assessment {
                    at: u64::from_be_bytes(at),
                    seq: u64::from_be_bytes(seq),
                };
            }
        }
        Kind::Other(rest.to_vec())
    }

    /// How the key is named in errors and in the export: `interview`, `settings`,
    /// `assessment/AT/SEQ`, or `other/ESCAPED-BYTES` for a key this build does not know.
    pub(crate) fn label(&self) -> String {
        match self {
            Kind::Interview => "interview".to_owned(),
            Kind::Settings => "settings".to_owned(),
            Kind::Assessment { at, seq } => format!("assessment/{at}/{seq}"),
            Kind::Checkins => "checkins".to_owned(),
            Kind::CheckinDue { at } => format!("checkins/due/{at}"),
            Kind::SetAside { of, at, seq } => format!("set-aside/{of}/{at}/{seq}"),
            Kind::Other(rest) => format!("other/{}", rest.escape_ascii()),
        }
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    v: u32,
    data: &'a T,
}

/// The envelope with its data borrowed as unparsed JSON text: the version is read first, and
/// the data parsed only by a reader that knows that version.
#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    v: u64,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
}

/// zstd's frame magic number (RFC 8878), as it starts a compressed value. No JSON text starts
/// with these bytes, so a value is either a zstd frame or plain JSON, never in doubt.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];

/// zstd's level for stored records. Against [`DICTIONARY_1`], level 3 costs what level 1 does on
/// records this small (the dentist's finished interview and assessment: 9.2 µs against 9.1 µs for
/// the pair) and writes them smaller (238 bytes against 259, 400 against 522), which took the
/// load bench's bytes on disk per completed assessment from 4,194 to 3,670. Level 5 saves another
/// tenth at three times the time, on every answer. The level is only the writer's choice: frames
/// of any level read with the same decompressor.
const ZSTD_LEVEL: i32 = 3;

/// The first byte of a record compressed against [`DICTIONARY_1`], before its zstd frame. Neither
/// JSON text nor a zstd frame starts with it, so a value's first byte says how to read it.
const DICTIONARY_1_MARKER: u8 = 0x02;

/// The first byte of a record compressed against [`DICTIONARY_2`], as [`DICTIONARY_1_MARKER`].
const DICTIONARY_2_MARKER: u8 = 0x03;

/// What every record was compressed against until [`DICTIONARY_2`] (issue 14), kept to read them: a zstd dictionary (32 KiB, `zstd --train
/// --maxdict=32768`) trained on the stored JSON of interviews and assessments of the personas in
/// tests/personas as they answer (the dentist's and the gym owner's held out, to check it on
/// records it never saw), whose keys, question ids, reading kinds and advice recur in every
/// record. A record of a few hundred bytes has too little text of its own for zstd to find them
/// repeated; against the dictionary it does: the held-out dentist's interview 478 → 151 bytes,
/// an assessment 1,512 → 496. Records written with it can only be read with these very bytes:
/// never change the file; a new dictionary takes a new marker and file, and this one stays for
/// the records it wrote.
const DICTIONARY_1: &[u8] = include_bytes!("record-dictionary-1.zdict");

/// What every record is compressed against since issue 33: a zstd dictionary (64 KiB, `zstd
/// --train --maxdict=65536`, zstd 1.5.4; see the module docs for the commands) trained on 1,232
/// stored records of the personas as they answer (1,173 interviews after each answer and 59
/// assessments, the dentist's and the gym owner's held out). [`DICTIONARY_1`] was trained on the
/// records before issues 29–31 (up to 24 questions and brief questions, new answer kinds, the
/// advice's checklist figures and their basis), which it no longer knew. On the held-out
/// records, at level 3: the dentist's 19 interviews and assessment 4,419 → 3,243 bytes, its
/// assessment 1,192 → 836, the finished interview 300 → 246; the gym owner's 4,183 → 2,881.
/// 32 KiB did less (3,841 for the dentist's); 110 KiB, with too few samples for its size, worse
/// than [`DICTIONARY_1`]. Never change the file: records written with it read only with these
/// bytes.
const DICTIONARY_2: &[u8] = include_bytes!("record-dictionary-2.zdict");

/// The stored bytes for `value`: the JSON `{"v":SCHEMA_VERSION,"data":...}`, compressed with zstd
/// against [`DICTIONARY_2`], after [`DICTIONARY_2_MARKER`].
///
/// Compressed here rather than by sled's own `compression` feature: that one also shrinks the
/// log, but sled then decompresses the whole log when it opens a database (with 100,000 users,
/// about 1.8 s instead of 30 ms), and its setting can never change for a database once made.
pub(crate) fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // The records are plain structs with string keys: serializing them cannot fail.
    let json = serde_json::to_vec(&EnvelopeOut {
        v: SCHEMA_VERSION,
        data: value,
    })
    .expect("records serialize to JSON");
    // Compressing a buffer in memory fails only where allocation does.
    let mut out = Vec::with_capacity(1 + zstd::zstd_safe::compress_bound(json.len()));
    out.push(DICTIONARY_2_MARKER);
    COMPRESSOR
        .with(|compressor| {
            let mut frame = std::io::Cursor::new(out);
            frame.set_position(1);
            let written = compressor.borrow_mut().compress_to_buffer(&json, &mut frame);
            written.map(|_| frame.into_inner())
        })
        .expect("zstd compresses a buffer in memory")
}

thread_local! {
    /// One zstd context a thread, kept between records: making one per record (what
    /// `zstd::bulk::compress` does) allocated and cleared its tables each time, which cost more than
    /// compressing the record itself. A context reused with the same parameters writes the same
    /// frame as a new one.
    static COMPRESSOR: std::cell::RefCell<zstd::bulk::Compressor<'static>> = std::cell::RefCell::new(
        zstd::bulk::Compressor::with_prepared_dictionary(&ENCODER_DICTIONARY_2).expect("zstd makes a context in memory"),
    );
    /// The same for reading records compressed before the dictionary.
    static DECOMPRESSOR: std::cell::RefCell<zstd::bulk::Decompressor<'static>> =
        std::cell::RefCell::new(zstd::bulk::Decompressor::new().expect("zstd makes a context in memory"));
    /// The same for reading records compressed against [`DICTIONARY_1`] (made on a thread's first
    /// such record, as the digested dictionary is on the process's first).
    static DICTIONARY_1_DECOMPRESSOR: std::cell::RefCell<zstd::bulk::Decompressor<'static>> = std::cell::RefCell::new(
        zstd::bulk::Decompressor::with_prepared_dictionary(&DECODER_DICTIONARY_1).expect("zstd makes a context in memory"),
    );
    /// The same for reading records compressed against [`DICTIONARY_2`].
    static DICTIONARY_2_DECOMPRESSOR: std::cell::RefCell<zstd::bulk::Decompressor<'static>> = std::cell::RefCell::new(
        zstd::bulk::Decompressor::with_prepared_dictionary(&DECODER_DICTIONARY_2).expect("zstd makes a context in memory"),
    );
}

/// [`DICTIONARY_2`] digested once for the writer's level and shared by every thread's context
/// (zstd's dictionaries are read-only once made). A context loading the dictionary itself digests
/// its own copy, with tables sized for the level: at level 3, about 300 KiB a thread, which took
/// the bench's peak memory with 10,000 interviews written by 16 threads from 22 to 27 MiB.
static ENCODER_DICTIONARY_2: std::sync::LazyLock<zstd::dict::EncoderDictionary<'static>> =
    std::sync::LazyLock::new(|| zstd::dict::EncoderDictionary::copy(DICTIONARY_2, ZSTD_LEVEL));

/// [`DICTIONARY_1`] digested for reading; nothing writes against it any more.
static DECODER_DICTIONARY_1: std::sync::LazyLock<zstd::dict::DecoderDictionary<'static>> =
    std::sync::LazyLock::new(|| zstd::dict::DecoderDictionary::copy(DICTIONARY_1));

/// [`DICTIONARY_2`] digested for reading.
static DECODER_DICTIONARY_2: std::sync::LazyLock<zstd::dict::DecoderDictionary<'static>> =
    std::sync::LazyLock::new(|| zstd::dict::DecoderDictionary::copy(DICTIONARY_2));

/// What is wrong with a stored value that cannot be read, told by kind: zstd's own words (which
/// name the kind of damage, never the data) are kept only to be shown, and a JSON error is shown
/// by kind and position only ([`describe`]).
#[derive(Debug, thiserror::Error)]
pub(crate) enum Damage {
    /// A compressed frame that ends before its end: the stream decoder's `UnexpectedEof`.
    #[error("compressed data cut short (truncated): {0}")]
    CutShort(std::io::Error),
    /// A compressed frame that is not one zstd can read.
    #[error("compressed data that does not decompress: {0}")]
    Garbled(std::io::Error),
    /// A frame whose header records a size this machine cannot hold.
    #[error("compressed data that does not decompress: compressed data of an impossible size")]
    ImpossibleSize,
    /// The JSON inside is not an envelope, or its data is not what its reader expects.
    #[error("{}", describe(.0))]
    Json(#[from] serde_json::Error),
    /// An envelope of a schema version this build never wrote.
    #[error("unknown schema version {0}")]
    UnknownVersion(u64),
}

/// The JSON text of a stored value: a compressed one decompressed, one written before records
/// were compressed (plain JSON) as it is.
fn plain(bytes: &[u8]) -> Result<Cow<'_, [u8]>, Damage> {
    if !is_compressed(bytes) {
        return Ok(Cow::Borrowed(bytes));
    }
    let (frame, decompressor, dictionary) = match bytes.split_first() {
        Some((&DICTIONARY_2_MARKER, frame)) => (frame, &DICTIONARY_2_DECOMPRESSOR, DICTIONARY_2),
        Some((&DICTIONARY_1_MARKER, frame)) => (frame, &DICTIONARY_1_DECOMPRESSOR, DICTIONARY_1),
        _ => (bytes, &DECOMPRESSOR, &[][..]),
    };
    // A frame's header records its size; one that does not is decompressed by the stream reader.
    let decompressed = match zstd::zstd_safe::get_frame_content_size(frame) {
        Ok(Some(size)) => {
            let size = usize::try_from(size).map_err(|_| Damage::ImpossibleSize)?;
            decompressor
                .with(|decompressor| decompressor.borrow_mut().decompress(frame, size))
                .map_err(|err| damage(frame, dictionary, err))
        }
        _ => stream(frame, dictionary),
    };
    decompressed.map(Cow::Owned)
}

/// A frame decompressed by zstd's stream reader, which needs no size; one cut short is
/// [`Damage::CutShort`] (the reader's `UnexpectedEof`).
fn stream(frame: &[u8], dictionary: &[u8]) -> Result<Vec<u8>, Damage> {
    zstd::stream::Decoder::with_dictionary(frame, dictionary)
        .and_then(|mut decoder| {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut decoder, &mut out).map(|_| out)
        })
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::UnexpectedEof => Damage::CutShort(err),
            _ => Damage::Garbled(err),
        })
}

/// The damage of a frame the one-shot decompressor refused (`err`): its error is one code for
/// every kind, so the stream reader, which tells a frame cut short by its kind, reads it again.
/// Only damaged records pay for the second read.
fn damage(frame: &[u8], dictionary: &[u8], err: std::io::Error) -> Damage {
    match stream(frame, dictionary) {
        Err(Damage::CutShort(_)) => Damage::CutShort(err),
        _ => Damage::Garbled(err),
    }
}

/// One record as the data-rights export lists it: `{"key", "v", "value"}`, the value as stored
/// (also for a version newer than this build's). A record whose envelope cannot be read is listed
/// with `error` and its bytes: as text in `raw` (invalid UTF-8 replaced), or, where they are a
/// damaged zstd frame, in hex in `raw_zstd_hex`, so nothing kept is left out.
pub(crate) fn export_entry(label: &str, value: &[u8]) -> serde_json::Value {
    let opened = plain(value).and_then(|json| {
        let (v, data) = open_envelope(&json)?;
        Ok(serde_json::json!({ "key": label, "v": v, "value": data }))
    });
    opened.unwrap_or_else(|damage| {
        let error = damage.to_string();
        if is_compressed(value) {
            // Compressed bytes are not text: given whole, in hex.
            let hex: String = value.iter().map(|b| format!("{b:02x}")).collect();
            serde_json::json!({ "key": label, "error": error, "raw_zstd_hex": hex })
        } else {
            serde_json::json!({ "key": label, "error": error, "raw": String::from_utf8_lossy(value) })
        }
    })
}

/// Whether a stored value is compressed, against a dictionary or not (else it is plain JSON).
fn is_compressed(bytes: &[u8]) -> bool {
    bytes.starts_with(&ZSTD_MAGIC) || matches!(bytes.first(), Some(&(DICTIONARY_1_MARKER | DICTIONARY_2_MARKER)))
}

/// Describes a JSON error by kind and position only: the message of a data error may quote the
/// stored text, which can be a user's private answer.
pub(crate) fn describe(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match err.classify() {
        Category::Io => "read error",
        Category::Syntax => "not valid JSON",
        Category::Data => "JSON of an unexpected shape",
        Category::Eof => "JSON cut short (truncated)",
    };
    format!("{what} at line {} column {}", err.line(), err.column())
}

/// The envelope of a stored value: its schema version and its data, undecoded (None where the
/// record has no data).
fn open_envelope(bytes: &[u8]) -> Result<(u64, Option<&RawValue>), Damage> {
    let envelope: EnvelopeIn = serde_json::from_slice(bytes)?;
    Ok((envelope.v, envelope.data))
}

/// The envelope exactly as [`encode`] writes it, `{"v":N,"data":DATA}`, split without a JSON
/// pass: the version and DATA's text, which only its reader then parses (and so checks). Scanning
/// the data once for the envelope and again for its reader cost about a tenth of an answer. A
/// version not in canonical digits, another key order, spaces or text that is not UTF-8 give None,
/// and [`open_envelope`] reads it; so does anything whose DATA its reader refuses, so a damaged
/// record is described as before.
fn open_written(bytes: &[u8]) -> Option<(u64, &str)> {
    let rest = bytes.strip_prefix(br#"{"v":"#)?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let (number, rest) = rest.split_at(digits);
    let number = std::str::from_utf8(number).ok()?;
    let v: u64 = number.parse().ok()?;
    if v.to_string() != number {
        return None;
    }
    let data = rest.strip_prefix(br#","data":"#)?.strip_suffix(b"}")?;
    Some((v, std::str::from_utf8(data).ok()?))
}

/// Decodes a stored value of `user` under the key named `label`.
pub(crate) fn decode<T: Migrate>(user: &UserId, label: &str, bytes: &[u8]) -> Result<T, StoreError> {
    let bad = |damage: Damage| StoreError::BadRecord {
        user: user.clone(),
        key: label.to_owned(),
        detail: damage.to_string(),
    };
    // This runs on every answer: the data is parsed once, straight into `T`, no JSON tree between.
    let json = plain(bytes).map_err(bad)?;
    if let Some((v, raw)) = open_written(&json) {
        if (OLDEST_SUPPORTED..=u64::from(SCHEMA_VERSION)).contains(&v) {
            let decoded = if v < 2 {
                T::from_v1(raw)
            } else {
                serde_json::from_str(raw)
            };
            if let Ok(decoded) = decoded {
                return Ok(decoded);
            }
        }
    }
    let (v, data) = open_envelope(&json).map_err(bad)?;
    if v > u64::from(SCHEMA_VERSION) {
        return Err(StoreError::NewerSchema {
            user: user.clone(),
            found: u32::try_from(v).unwrap_or(u32::MAX),
            supported: SCHEMA_VERSION,
        });
    }
    if v < OLDEST_SUPPORTED {
        return Err(bad(Damage::UnknownVersion(v)));
    }
    let raw = data.map_or("null", RawValue::get);
    let decoded = if v < 2 {
        T::from_v1(raw)
    } else {
        serde_json::from_str(raw)
    };
    decoded.map_err(|e| bad(Damage::Json(e)))
}

/// A record type, with how to read it from an older schema version.
pub(crate) trait Migrate: DeserializeOwned {
    /// Reads the data of a version-1 record. Most records did not change: they read as they are.
    fn from_v1(raw: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(raw)
    }
}

impl Migrate for crate::advisor::Interview {}
impl Migrate for super::Settings {}
impl Migrate for super::UserData {}
impl Migrate for crate::advisor::checkin::CheckinRecord {}

/// The value of a due check-in entry (`checkins/due/AT`), in sled as a record under the user's
/// prefix, in PostgreSQL a row of `advisor_checkin_due` shown by the export in the same shape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct DueEntry {
    /// True once a scheduler claimed it: `due` no longer lists it, and a second claim fails.
    pub(crate) claimed: bool,
}

impl Migrate for DueEntry {}

/// The key after the user's prefix of the due entry at `at`: `checkins \0 due \0 AT`.
pub(crate) fn due_suffix(at: u64) -> Vec<u8> {
    let mut key = CHECKIN_DUE.to_vec();
    key.extend_from_slice(&at.to_be_bytes());
    key
}

/// How version 1 stored an assessment: the advice as finished sentences.
mod v1 {
    use serde::Deserialize;

    use crate::advisor::advice::Outcome;
    use crate::advisor::interview::Answer;

    #[derive(Deserialize)]
    pub(crate) struct Assessment {
        pub at: u64,
        pub answers: Vec<Answer>,
        pub advice: Advice,
    }

    /// Only what carries over is read; the sentences (reasons, changes, checklist) are not.
    #[derive(Deserialize)]
    pub(crate) struct Advice {
        pub outcome: Outcome,
        pub confidence: f64,
        #[serde(default)]
        pub missing: Vec<String>,
    }
}

impl Migrate for super::Assessment {
    /// A version-1 assessment keeps its time, its answers, its outcome, confidence and missing
    /// answers. Its reasons, changes and checklist were sentences in that day's wording, with no
    /// ids to render them again from: they are dropped rather than shown as if they were today's
    /// (the answers are kept, so the advice can be worked out again in full).
    fn from_v1(raw: &str) -> Result<Self, serde_json::Error> {
        let old: v1::Assessment = serde_json::from_str(raw)?;
        Ok(super::Assessment {
            earlier: None,
            at: old.at,
            answers: old.answers,
            advice: crate::advisor::advice::Advice {
                status: crate::advisor::advice::AdviceStatus::Advised,
                outcome: Some(old.advice.outcome),
                confidence: old.advice.confidence,
                missing: old.advice.missing,
                ..Default::default()
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str) -> UserId {
        UserId(id.to_owned())
    }

    /// Why `bytes` can't be read as a `T` of `kind`.
    fn detail<T: Migrate + std::fmt::Debug>(kind: &str, bytes: &[u8]) -> String {
        match decode::<T>(&user("local:ann"), kind, bytes) {
            Err(StoreError::BadRecord { detail, .. }) => detail,
            other => panic!("{other:?}"),
        }
    }

    fn settings_detail(bytes: &[u8]) -> String {
        detail::<super::super::Settings>("settings", bytes)
    }

    #[test]
    fn a_record_is_stored_compressed_and_reads_back() {
        let settings = super::super::Settings { share_by_default: true };
        let stored = encode(&settings);
        assert!(is_compressed(&stored));
        assert_eq!(
            stored[0], DICTIONARY_2_MARKER,
            "every new record is written against DICTIONARY_2"
        );
        let back: super::super::Settings = decode(&user("local:ann"), "settings", &stored).unwrap();
        assert_eq!(back, settings);
    }

    /// The dentist's interview as the build before issue 33 stored it (against DICTIONARY_1), and
    /// the interview it held, as that build's `serde_json` wrote it.
    const DICTIONARY_1_INTERVIEW: &[u8] = include_bytes!("../../tests/store/fixtures/interview_dictionary_1.zst");
    const DICTIONARY_1_INTERVIEW_JSON: &str = include_str!("../../tests/store/fixtures/interview_dictionary_1.json");

    fn interview_detail(bytes: &[u8]) -> String {
        detail::<crate::advisor::Interview>("interview", bytes)
    }

    /// A record written against DICTIONARY_1 reads as it did; written again, it is against
    /// DICTIONARY_2 (and smaller), and reads back the same.
    #[test]
    fn a_record_written_against_dictionary_1_still_reads_and_is_rewritten_against_dictionary_2() {
        assert_eq!(DICTIONARY_1_INTERVIEW[0], DICTIONARY_1_MARKER);
        let expected: crate::advisor::Interview = serde_json::from_str(DICTIONARY_1_INTERVIEW_JSON).unwrap();
        let old: crate::advisor::Interview = decode(&user("local:ann"), "interview", DICTIONARY_1_INTERVIEW).unwrap();
        assert_eq!(old, expected);
        assert_eq!(
            old.answers.len(),
            18,
            "the dentist's interview one answer before the end"
        );

        let again = encode(&old);
        assert_eq!(again[0], DICTIONARY_2_MARKER);
        assert!(
            again.len() < DICTIONARY_1_INTERVIEW.len(),
            "today's records compress better against today's dictionary: {} bytes against {}",
            again.len(),
            DICTIONARY_1_INTERVIEW.len()
        );
        let back: crate::advisor::Interview = decode(&user("local:ann"), "interview", &again).unwrap();
        assert_eq!(back, expected);
    }

    /// The marker names the dictionary: a frame read against the other one is refused as damaged,
    /// never misread (zstd checks the dictionary's id the frame carries).
    #[test]
    fn a_frame_after_the_other_dictionarys_marker_is_refused() {
        let mut as_2 = DICTIONARY_1_INTERVIEW.to_vec();
        as_2[0] = DICTIONARY_2_MARKER;
        let detail = interview_detail(&as_2);
        assert!(detail.contains("compressed data that does not decompress"), "{detail}");

        let mut as_1 = encode(&serde_json::from_str::<crate::advisor::Interview>(DICTIONARY_1_INTERVIEW_JSON).unwrap());
        as_1[0] = DICTIONARY_1_MARKER;
        let detail = interview_detail(&as_1);
        assert!(detail.contains("compressed data that does not decompress"), "{detail}");
    }

    /// Records compressed before the dictionary (a bare zstd frame) read as they did.
    #[test]
    fn a_record_compressed_without_the_dictionary_still_reads() {
        let settings = super::super::Settings { share_by_default: true };
        let stored = zstd::bulk::compress(br#"{"v":2,"data":{"share_by_default":true}}"#, 1).unwrap();
        assert!(stored.starts_with(&ZSTD_MAGIC));
        let back: super::super::Settings = decode(&user("local:ann"), "settings", &stored).unwrap();
        assert_eq!(back, settings);
        // Read against the dictionary instead, the same frame would not give the record.
        let mut marked = vec![DICTIONARY_1_MARKER];
        marked.extend_from_slice(&zstd::bulk::compress(br#"{"v":2,"data":{"share_by_default":true}}"#, 1).unwrap());
        assert!(decode::<super::super::Settings>(&user("local:ann"), "settings", &marked).is_ok());
        let against = zstd::bulk::Compressor::with_dictionary(1, DICTIONARY_1)
            .unwrap()
            .compress(br#"{"v":2,"data":{"share_by_default":true}}"#)
            .unwrap();
        assert!(
            decode::<super::super::Settings>(&user("local:ann"), "settings", &against).is_err(),
            "a dictionary's frame without its marker is refused, not misread"
        );
    }

    #[test]
    fn a_record_written_before_compression_reads_as_plain_json() {
        let stored = br#"{"v":2,"data":{"share_by_default":true}}"#;
        assert!(!is_compressed(stored));
        let back: super::super::Settings = decode(&user("local:ann"), "settings", stored).unwrap();
        assert!(back.share_by_default);
    }

    /// The shortcut past the envelope's parse takes exactly what [`encode`] writes; any other
    /// shape is left to the full parse, and data its reader refuses is described by that parse.
    #[test]
    fn the_envelope_as_written_is_split_without_a_parse_and_nothing_else_is() {
        let written = br#"{"v":2,"data":{"share_by_default":true}}"#;
        assert_eq!(open_written(written), Some((2, r#"{"share_by_default":true}"#)));
        for other in [
            &br#"{"data":{"share_by_default":true},"v":2}"#[..],
            br#"{"v":02,"data":{"share_by_default":true}}"#,
            br#"{"v": 2,"data":{"share_by_default":true}}"#,
            br#"{"v":2,"data":{"share_by_default":true}} "#,
            br#"{"v":,"data":{}}"#,
        ] {
            assert_eq!(open_written(other), None, "{}", String::from_utf8_lossy(other));
        }
        let reordered = br#"{"data":{"share_by_default":true},"v":2}"#;
        let back: super::super::Settings = decode(&user("local:ann"), "settings", reordered).unwrap();
        assert!(back.share_by_default);
        let detail = settings_detail(br#"{"v":2,"data":{"share_by_default":tru}}"#);
        assert!(detail.contains("not valid JSON at line 1 column"), "{detail}");
        assert!(
            detail.ends_with("column 38"),
            "the whole record's column, not the data's: {detail}"
        );
        // Cut short, its data is split off but refused by its reader: the full parse says why.
        let cut = settings_detail(br#"{"v":2,"data":{"share_by_default":true}"#);
        assert!(cut.contains("truncated"), "{cut}");
    }

    #[test]
    fn damaged_compressed_records_are_named_for_their_damage() {
        let stored = encode(&super::super::Settings { share_by_default: true });
        let cut = settings_detail(&stored[..stored.len() - 3]);
        assert!(cut.contains("truncated"), "{cut}");
        let mut garbled = stored.clone();
        for byte in &mut garbled[6..] {
            *byte ^= 0x5A;
        }
        let bad = settings_detail(&garbled);
        assert!(bad.contains("compressed data"), "{bad}");
    }

    #[test]
    fn no_user_prefix_is_a_prefix_of_another_users_key() {
        let ids = [
            "local:a",
            "local:ab",
            "local:a\0settings",
            "local:a\u{1}",
            "",
            "\0",
            "\u{1}\u{1}",
        ];
        for a in ids {
            for b in ids {
                if a == b {
                    continue;
                }
                for key in [
                    interview_key(&user(b)),
                    settings_key(&user(b)),
                    assessment_key(&user(b), 0, 0),
                ] {
                    assert!(!key.starts_with(&user_prefix(&user(a))), "{a:?} sees a key of {b:?}");
                }
            }
        }
    }

    #[test]
    fn escaped_ids_round_trip_and_keys_split_back_to_their_user() {
        for id in ["discord:1", "local:a\0b", "\u{1}\0\u{1}", "ünïcode", ""] {
            let key = assessment_key(&user(id), 5, 6);
            let (back, past) = split_user(&key).unwrap();
            assert_eq!(back, user(id));
            assert!(past.as_slice() > key.as_slice());
            assert_eq!(
                Kind::of(&user_prefix(&user(id)), &key),
                Kind::Assessment { at: 5, seq: 6 }
            );
        }
    }

    #[test]
    fn assessment_keys_sort_by_time_then_sequence() {
        let u = user("local:a");
        let keys = [
            assessment_key(&u, 1, 300),
            assessment_key(&u, 255, 1),
            assessment_key(&u, 256, 0),
            assessment_key(&u, 256, 1),
            assessment_key(&u, 1 << 40, 0),
        ];
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn newer_versions_are_refused_and_bad_json_is_described_without_its_text() {
        let u = user("local:a");
        let newer = br#"{"v":7,"data":{"share_by_default":"nope"}}"#;
        match decode::<super::super::Settings>(&u, "settings", newer) {
            Err(StoreError::NewerSchema {
                found: 7,
                supported: SCHEMA_VERSION,
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
        let wrong = br#"{"v":1,"data":{"share_by_default":"my secret"}}"#;
        match decode::<super::super::Settings>(&u, "settings", wrong) {
            Err(StoreError::BadRecord { detail, .. }) => {
                assert!(!detail.contains("secret"), "{detail}")
            }
            other => panic!("{other:?}"),
        }
    }
}
