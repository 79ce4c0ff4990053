//! Points, rectangles and the few intersection tests the layout needs.

use serde::Serialize;

/// A point, y downwards as in SVG.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    pub fn lerp(self, to: Point, t: f64) -> Point {
        Point::new(self.x + (to.x - self.x) * t, self.y + (to.y - self.y) * t)
    }

    pub fn dist(self, to: Point) -> f64 {
        (to.x - self.x).hypot(to.y - self.y)
    }

    /// The unit vector from `self` towards `to`, or `fallback` when they coincide.
    pub fn towards(self, to: Point, fallback: (f64, f64)) -> (f64, f64) {
        let d = self.dist(to);
        if d < 1e-9 {
            fallback
        } else {
            ((to.x - self.x) / d, (to.y - self.y) / d)
        }
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The rectangle of `w` by `h` centred on `c`.
    pub fn centred(c: Point, w: f64, h: f64) -> Rect {
        Rect {
            x0: c.x - w / 2.0,
            y0: c.y - h / 2.0,
            x1: c.x + w / 2.0,
            y1: c.y + h / 2.0,
        }
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn centre(&self) -> Point {
        Point::new((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    pub fn moved(&self, dx: f64, dy: f64) -> Rect {
        Rect {
            x0: self.x0 + dx,
            y0: self.y0 + dy,
            x1: self.x1 + dx,
            y1: self.y1 + dy,
        }
    }

    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }

    pub fn grown(&self, m: f64) -> Rect {
        Rect {
            x0: self.x0 - m,
            y0: self.y0 - m,
            x1: self.x1 + m,
            y1: self.y1 + m,
        }
    }

    /// Whether the interiors meet (touching edges do not overlap).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x > self.x0 && p.x < self.x1 && p.y > self.y0 && p.y < self.y1
    }

    /// Whether the segment `a`–`b` passes through the rectangle (Liang–Barsky clipping).
    pub fn hit_by_segment(&self, a: Point, b: Point) -> bool {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        for (p, q) in [
            (-dx, a.x - self.x0),
            (dx, self.x1 - a.x),
            (-dy, a.y - self.y0),
            (dy, self.y1 - a.y),
        ] {
            if p.abs() < 1e-12 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        t0 < t1
    }
}

/// The point at `t` of the quadratic Bézier curve `a`, `c`, `b`.
pub fn quad_at(a: Point, c: Point, b: Point, t: f64) -> Point {
    a.lerp(c, t).lerp(c.lerp(b, t), t)
}

/// Whether the quadratic curve `a`, `c`, `b` passes through `r` (tested on 16 chords).
pub fn curve_hits(a: Point, c: Point, b: Point, r: &Rect) -> bool {
    const STEPS: usize = 16;
    (0..STEPS).any(|i| {
        let p = quad_at(a, c, b, i as f64 / STEPS as f64);
        let q = quad_at(a, c, b, (i + 1) as f64 / STEPS as f64);
        r.hit_by_segment(p, q)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_rectangles() {
        let r = Rect::centred(Point::new(0.0, 0.0), 10.0, 10.0);
        assert!(r.hit_by_segment(Point::new(-20.0, 0.0), Point::new(20.0, 0.0)));
        assert!(r.hit_by_segment(Point::new(0.0, 0.0), Point::new(1.0, 1.0)));
        assert!(!r.hit_by_segment(Point::new(-20.0, 6.0), Point::new(20.0, 6.0)));
        assert!(!r.hit_by_segment(Point::new(-20.0, 0.0), Point::new(-6.0, 0.0)));
        assert!(r.overlaps(&r.moved(9.0, 9.0)) && !r.overlaps(&r.moved(10.0, 0.0)));
        let c = Point::new(0.0, -40.0);
        assert!(curve_hits(
            Point::new(-20.0, 0.0),
            Point::new(0.0, 0.0),
            Point::new(20.0, 0.0),
            &r
        ));
        assert!(!curve_hits(
            Point::new(-20.0, 0.0),
            c,
            Point::new(20.0, 0.0),
            &r
        ));
    }
}
