//! Before a sled database is opened in place, its recovery is tried on a copy.
//!
//! sled 0.34's recovery on open reads its log up to the first record it cannot read and zeroes
//! everything after it: one flipped byte early in the data file lost every record written after
//! it, other users' confirmed answers included (the probe: 11,238 of 11,573 non-zero bytes,
//! in 125 of 125 single-byte flips), and the store was then refused as damaged, or opened without
//! them. So the folder is copied first and the copy opened; if its recovery zeroed or cut any
//! byte the original held, opening the original would have lost records, and it is refused
//! untouched, byte for byte.
//!
//! A process killed at any point (the kill tests, `SIGKILL` while answers stream in) leaves a data
//! file whose recovery changes no byte that was written: every `write` that returned is in the
//! page cache, and what was never written is zeros. So the check refuses damage and lets those
//! through (tests/kill_chat.rs; 15 of 15 killed runs in a probe changed 0 bytes, single-byte flips
//! changed 498 to 3,762).

use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

/// What opening the original would have lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Loss {
    /// Non-zero bytes of the data file that recovery zeroed or cut.
    pub(crate) bytes: u64,
    /// The first of them.
    pub(crate) from: u64,
}

/// A copy of a database folder, removed when dropped.
pub(crate) struct Copy(PathBuf);

impl Copy {
    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        // sled's threads may still hold the copy's files for a moment after it is dropped.
        for _ in 0..50 {
            if fs::remove_dir_all(&self.0).is_ok() || !self.0.exists() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

/// Copies the database folder `path` (its files and its `blobs/`), beside it if its parent may be
/// written, else in the system's temporary folder.
pub(crate) fn copy_of(path: &Path) -> io::Result<Copy> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = format!(
        ".advisor-check-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut last = None;
    for place in [parent.to_path_buf(), std::env::temp_dir()] {
        sweep(&place);
        let copy = Copy(place.join(&name));
        match copy_dir(path, copy.path()) {
            Ok(()) => return Ok(copy),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no place for a copy")))
}

/// Removes the copies in `place` left by a process that was killed while checking (its copy
/// holds users' records, which `forget` would not reach). Where there is no /proc to tell a
/// process that is gone, nothing is removed.
fn sweep(place: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(place) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(".advisor-check-"))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// The segment size a sled folder's `conf` names (sled's default when it names none).
pub(crate) fn segment_size(folder: &Path) -> usize {
    let conf = fs::read_to_string(folder.join("conf")).unwrap_or_default();
    conf.lines()
        .find_map(|line| line.strip_prefix("segment_size:"))
        .and_then(|size| size.trim().parse().ok())
        .filter(|&size: &usize| size > 0)
        .unwrap_or(512 * 1024)
}

/// The non-zero bytes of `original` that `recovered` (the same data file after recovery) no
/// longer holds, in segments of `segment` bytes that recovery cut short; None when there are none.
///
/// sled's recovery zeroes whole segments it no longer uses (garbage left by its own cleaning,
/// which a clean database has too), and zeroes the rest of the segment where its log stops: a
/// segment partly kept and partly zeroed is where a damaged record cut the log, and the non-zero
/// bytes zeroed after it are records lost. (A segment zeroed whole after the damaged one is lost
/// too, but is not told apart from garbage: the damaged segment before it has already refused
/// the database.)
pub(crate) fn lost(original: &Path, recovered: &Path, segment: usize) -> io::Result<Option<Loss>> {
    let mut a = BufReader::with_capacity(1 << 16, File::open(original)?);
    let mut b = BufReader::with_capacity(1 << 16, File::open(recovered)?);
    let (mut bytes, mut from, mut at) = (0u64, None, 0u64);
    let mut left = vec![0u8; segment];
    let mut right = vec![0u8; segment];
    loop {
        let n = read_full(&mut a, &mut left)?;
        if n == 0 {
            break;
        }
        let m = read_full(&mut b, &mut right[..n])?;
        // Past the recovered file's end, every byte counts as cut.
        right[m..n].fill(0);
        let zeroed_whole = right[..n].iter().all(|&y| y == 0);
        if !zeroed_whole && !only_a_stale_tail_cut(&left[..n], &right[..n], segment) {
            for (i, (&x, &y)) in left[..n].iter().zip(&right[..n]).enumerate() {
                if x != 0 && x != y {
                    bytes += 1;
                    from.get_or_insert(at + i as u64);
                }
            }
        }
        at += n as u64;
    }
    Ok(from.map(|from| Loss { bytes, from }))
}

/// Whether every byte recovery zeroed in this segment lies after its log's end and belongs to an
/// earlier use of the segment: sled reuses a segment once its cleaning has moved what it held,
/// writes the new log from the segment's start, and leaves the old bytes after it; recovery
/// zeroes them. sled itself tells them apart by the segment number in each message's header
/// (the segment's lsn over the segment size, from the 20-byte segment header): a message whose
/// number is not the segment's own is where its log ends. So where the first message after the
/// kept part carries the segment's own number, that message was live and is lost (a damaged
/// record cut the log there); where it carries another, the tail was stale, and nothing is lost.
fn only_a_stale_tail_cut(original: &[u8], recovered: &[u8], segment: usize) -> bool {
    const SEG_HEADER_LEN: usize = 20;
    if original.len() < SEG_HEADER_LEN || recovered.len() != original.len() {
        return false;
    }
    let Some(kept_end) = recovered.iter().rposition(|&b| b != 0).map(|i| i + 1) else {
        return false;
    };
    // A change inside the kept part is never a stale tail.
    if original[..kept_end] != recovered[..kept_end] {
        return false;
    }
    let Some(first_cut) = (kept_end..original.len()).find(|&i| original[i] != 0) else {
        return true;
    };
    let lsn = i64::from_le_bytes(original[4..12].try_into().unwrap_or_default()) ^ 0x7FFF_FFFF_FFFF_FFFF;
    let Ok(lsn) = u64::try_from(lsn) else {
        return false;
    };
    let own = lsn / segment.max(1) as u64;
    // The log's end is at or before the first non-zero byte cut (the message there may begin with
    // zero bytes): a message of the segment's own number starting anywhere in between is live.
    !(kept_end..=first_cut).any(|at| message_segment_number(&original[at..]) == Some(own))
}

/// The segment number in a sled 0.34 message header at the start of `bytes`: a 4-byte crc, a
/// kind byte, then the length and the segment number in sled's variable-length integers.
fn message_segment_number(bytes: &[u8]) -> Option<u64> {
    let mut rest = bytes.get(5..)?;
    let _len = sled_varint(&mut rest)?;
    sled_varint(&mut rest)
}

/// One of sled 0.34's variable-length integers (its `Serialize for u64`).
fn sled_varint(buf: &mut &[u8]) -> Option<u64> {
    let first = *buf.first()?;
    let (value, size) = match first {
        0..=240 => (u64::from(first), 1),
        241..=248 => (240 + 256 * (u64::from(first) - 241) + u64::from(*buf.get(1)?), 2),
        249 => (2288 + 256 * u64::from(*buf.get(1)?) + u64::from(*buf.get(2)?), 3),
        other => {
            let size = usize::from(other) - 247;
            let mut aligned = [0u8; 8];
            aligned[..size].copy_from_slice(buf.get(1..=size)?);
            (u64::from_le_bytes(aligned), size + 1)
        }
    };
    *buf = buf.get(size..)?;
    Some(value)
}

/// Reads until `buf` is full or the input ends; how many bytes were read.
fn read_full(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::{lost, only_a_stale_tail_cut, Loss};

    /// A 64-byte segment whose header names the segment's lsn, then a kept message of the
    /// segment's own number (3), then a message numbered `cut_number` that recovery zeroed.
    fn segment_cut_at_a_message_of(cut_number: u8) -> (Vec<u8>, Vec<u8>) {
        const SEGMENT: usize = 64;
        let mut original = vec![0u8; SEGMENT];
        let lsn = 3 * SEGMENT as i64;
        original[0..4].copy_from_slice(&[9, 9, 9, 9]);
        original[4..12].copy_from_slice(&(lsn ^ 0x7FFF_FFFF_FFFF_FFFF).to_le_bytes());
        // crc, kind, len 4, segment number 3, pid, payload
        original[20..31].copy_from_slice(&[1, 2, 3, 4, 1, 4, 3, 7, 5, 6, 7]);
        let mut recovered = original.clone();
        original[31..42].copy_from_slice(&[8, 8, 8, 8, 1, 4, cut_number, 7, 5, 6, 7]);
        recovered[31..].fill(0);
        (original, recovered)
    }

    /// sled writes a reused segment's log from its start and leaves the old bytes after it:
    /// recovery zeroing those is no loss (a healthy store was refused about one open in four
    /// after thirty-two threads' writes). A message of the segment's own number zeroed is.
    #[test]
    fn a_reused_segments_stale_tail_is_no_loss_but_a_live_message_cut_is() {
        let (original, recovered) = segment_cut_at_a_message_of(1);
        assert!(only_a_stale_tail_cut(&original, &recovered, 64));
        let (original, recovered) = segment_cut_at_a_message_of(3);
        assert!(!only_a_stale_tail_cut(&original, &recovered, 64));
        // A change inside the kept part is never a stale tail.
        let (original, mut recovered) = segment_cut_at_a_message_of(1);
        recovered[25] ^= 1;
        assert!(!only_a_stale_tail_cut(&original, &recovered, 64));
    }

    #[test]
    fn a_copy_left_by_a_process_that_is_gone_is_swept_and_a_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // No process has an id this high (Linux's pid_max is at most 2^22).
        let gone = dir.path().join(".advisor-check-4294967290-0");
        let mine = dir.path().join(format!(".advisor-check-{}-99", std::process::id()));
        let other = dir.path().join("advisor-db");
        for folder in [&gone, &mine, &other] {
            std::fs::create_dir(folder).unwrap();
        }
        super::sweep(dir.path());
        assert!(!gone.exists() || !std::path::Path::new("/proc/self").exists());
        assert!(mine.exists() && other.exists());
    }

    #[test]
    fn only_non_zero_bytes_zeroed_or_cut_in_a_segment_partly_kept_count_as_lost() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        };
        // Two segments of four bytes.
        let original = write("a", b"\x01\x02\x00\x04\x05\x06\x07\x08");
        let table: &[(&[u8], Option<Loss>)] = &[
            (b"\x01\x02\x00\x04\x05\x06\x07\x08", None),
            (b"\x01\x02\x07\x04\x05\x06\x07\x08\x09", None),
            // A segment zeroed whole (sled's garbage) is no loss; a file cut at a segment's end
            // neither.
            (b"\x00\x00\x00\x00\x05\x06\x07\x08", None),
            (b"\x01\x02\x00\x04", None),
            // The log cut inside a segment: what it held after the cut is lost.
            (b"\x01\x02\x00\x00\x05\x06\x07\x08", Some(Loss { bytes: 1, from: 3 })),
            (b"\x01\x02\x00\x04\x05\x00\x00\x00", Some(Loss { bytes: 3, from: 5 })),
            (b"\x01\x09\x00\x04\x05\x06", Some(Loss { bytes: 3, from: 1 })),
        ];
        for (recovered, want) in table {
            let path = write("b", recovered);
            assert_eq!(&lost(&original, &path, 4).unwrap(), want, "{recovered:?}");
        }
    }
}
