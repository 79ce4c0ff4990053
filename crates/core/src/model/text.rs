//! [`SharedText`]: an immutable string that tables share with the graph instead of copying.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An immutable string behind a reference count: a node's id and name. A table that lists a
/// million nodes clones a million of these, which costs reference counts, not allocations.
/// It reads as a `str` (`Deref`), and compares and prints as one.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SharedText(Arc<str>);

impl SharedText {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> SharedText {
        SharedText(s.into())
    }
}

impl From<&str> for SharedText {
    fn from(s: &str) -> SharedText {
        SharedText(s.into())
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<SharedText> for str {
    fn eq(&self, other: &SharedText) -> bool {
        self == &*other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_compares_and_prints_as_its_text() {
        let t = SharedText::from("le2c");
        let u = t.clone();
        assert!(Arc::ptr_eq(&t.0, &u.0), "a clone shares the text");
        assert_eq!(t, "le2c");
        assert_eq!("le2c", t);
        assert_eq!(t, String::from("le2c"));
        assert_eq!(t.len(), 4);
        assert_eq!(format!("{t} {t:?}"), "le2c \"le2c\"");
    }
}
