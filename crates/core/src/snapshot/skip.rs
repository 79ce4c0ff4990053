//! The length of a MessagePack value, read from its markers alone: what tells a payload's
//! trailing bytes apart when the records are decoded in place (a decoder that borrows from
//! its input does not say where it stopped).
//!
//! No recursion and no allocation: a count of the values still to skip, each of which takes
//! at least one byte, so the walk ends within the bytes there are whatever the counts claim.

/// The length in bytes of the MessagePack value at the start of `b`, or `None` if `b` ends
/// before it does or holds the marker `0xc1`, which MessagePack never uses.
pub(super) fn value_len(b: &[u8]) -> Option<usize> {
    let mut at = 0usize;
    let mut pending: u64 = 1;
    while pending > 0 {
        pending -= 1;
        let marker = *b.get(at)?;
        at += 1;
        // The bytes after the marker that belong to this value, and the values it holds.
        let (skip, holds): (usize, u64) = match marker {
            0x00..=0x7f | 0xe0..=0xff | 0xc0 | 0xc2 | 0xc3 => (0, 0),
            0x80..=0x8f => (0, 2 * u64::from(marker & 0x0f)),
            0x90..=0x9f => (0, u64::from(marker & 0x0f)),
            0xa0..=0xbf => (usize::from(marker & 0x1f), 0),
            0xc1 => return None,
            // bin 8/16/32, str 8/16/32: a length, then that many bytes.
            0xc4 | 0xd9 => (1 + usize::from(*b.get(at)?), 0),
            0xc5 | 0xda => (2 + be(b, at, 2)?, 0),
            0xc6 | 0xdb => (4 + be(b, at, 4)?, 0),
            // ext 8/16/32: a length, a type byte, then the data.
            0xc7 => (2 + usize::from(*b.get(at)?), 0),
            0xc8 => (3 + be(b, at, 2)?, 0),
            0xc9 => (5 + be(b, at, 4)?, 0),
            // float 32/64, uint 8..64, int 8..64.
            0xca => (4, 0),
            0xcb => (8, 0),
            0xcc | 0xd0 => (1, 0),
            0xcd | 0xd1 => (2, 0),
            0xce | 0xd2 => (4, 0),
            0xcf | 0xd3 => (8, 0),
            // fixext 1/2/4/8/16: a type byte and the data.
            0xd4 => (2, 0),
            0xd5 => (3, 0),
            0xd6 => (5, 0),
            0xd7 => (9, 0),
            0xd8 => (17, 0),
            // array 16/32, map 16/32: a count of values (two a map entry).
            0xdc => (2, be(b, at, 2)? as u64),
            0xdd => (4, be(b, at, 4)? as u64),
            0xde => (2, 2 * be(b, at, 2)? as u64),
            0xdf => (4, 2 * be(b, at, 4)? as u64),
        };
        at = at.checked_add(skip).filter(|&end| end <= b.len())?;
        pending = pending.saturating_add(holds);
    }
    Some(at)
}

/// The big-endian number of `len` bytes at `at`.
fn be(b: &[u8], at: usize, len: usize) -> Option<usize> {
    let bytes = b.get(at..at.checked_add(len)?)?;
    Some(bytes.iter().fold(0usize, |n, &x| n << 8 | usize::from(x)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Sample {
        name: String,
        n: i64,
        x: f64,
        flags: Vec<bool>,
        #[serde(with = "serde_bytes")]
        blob: Vec<u8>,
        nested: Vec<Vec<Option<u32>>>,
    }

    proptest! {
        #[test]
        fn the_length_is_the_encoded_value_s_and_a_cut_value_has_none(
            name in ".{0,40}",
            n in any::<i64>(),
            x in any::<f64>(),
            flags in proptest::collection::vec(any::<bool>(), 0..40),
            blob in proptest::collection::vec(any::<u8>(), 0..300),
            nested in proptest::collection::vec(
                proptest::collection::vec(any::<Option<u32>>(), 0..20), 0..20),
            tail in proptest::collection::vec(any::<u8>(), 0..8),
        ) {
            let v = Sample { name, n, x, flags, blob, nested };
            let mut bytes = rmp_serde::to_vec_named(&v).unwrap();
            let len = bytes.len();
            prop_assert_eq!(value_len(&bytes[..len - 1]), None);
            bytes.extend_from_slice(&tail);
            prop_assert_eq!(value_len(&bytes), Some(len));
        }

        #[test]
        fn any_bytes_give_a_length_within_them_or_none(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            if let Some(len) = value_len(&bytes) {
                prop_assert!(len <= bytes.len());
            }
        }
    }

    #[test]
    fn counts_that_claim_more_than_the_bytes_end_at_the_bytes() {
        // An array of 2^32 - 1 values in six bytes, and a bin of 4 GiB in five.
        assert_eq!(value_len(&[0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0]), None);
        assert_eq!(value_len(&[0xc6, 0xff, 0xff, 0xff, 0xff]), None);
        assert_eq!(value_len(&[0xc1]), None);
        assert_eq!(value_len(&[0x92, 0x01, 0xa1, b'a', 0xff]), Some(4));
    }
}
