//! Text widths, measured with the advances of DejaVu Sans (the font the drawings name first,
//! shipped by the `dejavu` crate and read with `ttf-parser`), and labels wrapped to a width.
//!
//! Viewers without DejaVu Sans fall back to Verdana or the default sans-serif font, which are
//! as wide or narrower, so boxes measured here still hold the text.

use std::sync::OnceLock;

/// The font family the drawings ask for, first the one measured here.
pub const FONT_FAMILY: &str = "'DejaVu Sans', Verdana, sans-serif";

/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f64 = 1.25;

struct Metrics {
    /// Advance of each character below U+0250 (Latin and its extensions), in font units.
    latin: Vec<u16>,
    units_per_em: f64,
    face: ttf_parser::Face<'static>,
    fallback: u16,
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let face = ttf_parser::Face::parse(dejavu::sans::regular(), 0)
            .expect("the font bundled by the dejavu crate parses");
        let advance = |c: char| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g));
        let fallback = advance('M').unwrap_or(face.units_per_em());
        let latin = (0u32..0x250)
            .map(|u| char::from_u32(u).and_then(advance).unwrap_or(fallback))
            .collect();
        Metrics {
            latin,
            units_per_em: f64::from(face.units_per_em()),
            face,
            fallback,
        }
    })
}

/// The width of `text` on one line at `size` pixels.
pub fn width(text: &str, size: f64) -> f64 {
    let m = metrics();
    let units: u64 = text
        .chars()
        .map(|c| {
            let u = c as usize;
            u64::from(if u < m.latin.len() {
                m.latin[u]
            } else {
                m.face
                    .glyph_index(c)
                    .and_then(|g| m.face.glyph_hor_advance(g))
                    .unwrap_or(m.fallback)
            })
        })
        .sum();
    units as f64 * size / m.units_per_em
}

/// `text` cut into lines of at most `max` pixels at `size`, at spaces; a word wider than
/// `max` has a line of its own.
pub fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.is_empty() {
            line.push_str(word);
            continue;
        }
        let candidate = format!("{line} {word}");
        if width(&candidate, size) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` without the characters XML 1.0 forbids (control characters but tab and line
/// breaks), which a name read from a file may hold.
pub fn xml_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
            {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let w = width("Lombardy", 12.0);
        assert!(w > 40.0 && w < 80.0, "{w}");
        assert!((width("Lombardy", 24.0) - 2.0 * w).abs() < 1e-9);
        assert!(width("WWW", 12.0) > width("iii", 12.0));
        assert_eq!(width("", 12.0), 0.0);
        assert!(width("Québec 北京", 12.0) > width("Quebec", 12.0));
    }

    #[test]
    fn wrapping_keeps_every_word_in_order() {
        let name = "Lombardy Energy Cleantech Cluster";
        let lines = wrap(name, 12.0, 120.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), name);
        for l in &lines {
            assert!(width(l, 12.0) <= 120.0 || !l.contains(' '), "{l}");
        }
        assert_eq!(wrap("", 12.0, 100.0), vec![String::new()]);
        assert_eq!(wrap("Supercalifragilistic", 12.0, 10.0).len(), 1);
    }

    #[test]
    fn control_characters_are_blanked() {
        assert_eq!(xml_safe("a\u{1b}[31mb\tc"), "a [31mb\tc");
    }
}
