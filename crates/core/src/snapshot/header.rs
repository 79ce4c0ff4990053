//! The fixed header before the payload, 28 bytes, little-endian:
//!
//! ```text
//! 0   8  magic        89 43 47 53 0d 0a 1a 0a  ("\x89CGS\r\n\x1a\n", as PNG's)
//! 8   4  version      u32, the format version (1)
//! 12  8  length       u64, the payload's length in bytes
//! 20  4  payload crc  u32, CRC-32 (IEEE) of the payload
//! 24  4  header crc   u32, CRC-32 of bytes 0..24
//! ```
//!
//! The magic's first byte is not ASCII and its line ends catch a file mangled as text, as
//! PNG's do. The header's own checksum tells a damaged header from a future version: a
//! version above 1 is believed only if the header checks.

use super::SnapshotError;

/// The first bytes of every snapshot.
pub const MAGIC: [u8; 8] = *b"\x89CGS\r\n\x1a\n";

/// The format version this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// The header's size in bytes.
pub const HEADER_LEN: usize = 28;

/// The header of a payload.
pub(super) fn encode(payload: &[u8]) -> [u8; HEADER_LEN] {
    let mut h = [0u8; HEADER_LEN];
    h[..8].copy_from_slice(&MAGIC);
    h[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    h[12..20].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    h[20..24].copy_from_slice(&crc32fast::hash(payload).to_le_bytes());
    let own = crc32fast::hash(&h[..24]);
    h[24..28].copy_from_slice(&own.to_le_bytes());
    h
}

/// Checks the header and the payload's length and checksum; returns the format version and
/// the payload.
pub(super) fn check(bytes: &[u8]) -> Result<(u32, &[u8]), SnapshotError> {
    if bytes.is_empty() {
        return Err(SnapshotError::Empty);
    }
    let start = &bytes[..bytes.len().min(MAGIC.len())];
    if start != &MAGIC[..start.len()] {
        // One or two flipped bits in the magic are damage; more is another kind of file.
        let differing: u32 = start
            .iter()
            .zip(MAGIC)
            .map(|(a, b)| (a ^ b).count_ones())
            .sum();
        return Err(if start.len() == MAGIC.len() && differing <= 2 {
            SnapshotError::DamagedHeader
        } else {
            SnapshotError::Foreign
        });
    }
    if bytes.len() < HEADER_LEN {
        return Err(SnapshotError::Truncated {
            expected: HEADER_LEN as u64,
            actual: bytes.len() as u64,
        });
    }
    let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
    let version = u32_at(8);
    let length = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
    let header_ok = crc32fast::hash(&bytes[..24]) == u32_at(24);
    if !header_ok {
        return Err(SnapshotError::DamagedHeader);
    }
    if version > FORMAT_VERSION {
        return Err(SnapshotError::FutureVersion { version });
    }
    if version == 0 {
        return Err(SnapshotError::DamagedHeader);
    }
    let available = (bytes.len() - HEADER_LEN) as u64;
    if length > available {
        return Err(SnapshotError::Truncated {
            expected: (HEADER_LEN as u64).saturating_add(length),
            actual: bytes.len() as u64,
        });
    }
    if length < available {
        return Err(SnapshotError::Trailing {
            extra: available - length,
        });
    }
    let payload = &bytes[HEADER_LEN..];
    let (expected, actual) = (u32_at(20), crc32fast::hash(payload));
    if expected != actual {
        return Err(SnapshotError::Checksum);
    }
    Ok((version, payload))
}
