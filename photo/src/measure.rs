//! Measurements of a photo around its face. Pure functions of pixels, so the
//! browser and the server measure exactly the same numbers.
use crate::face::Face;
use crate::grid::Grid;
use image::GrayImage;

/// sRGB (0–255) to linear light (0–1), as IEC 61966-2-1 defines it.
fn linear_table() -> [f32; 256] {
    let mut table = [0.0; 256];
    for (i, v) in table.iter_mut().enumerate() {
        let c = i as f32 / 255.0;
        *v = if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) };
    }
    table
}

/// Relative luminance in linear light (ITU-R BT.709 weights, as OFIQ uses) of an RGB pixel.
fn luminance(table: &[f32; 256], p: &[u8; 3]) -> f32 {
    0.2126 * table[p[0] as usize] + 0.7152 * table[p[1] as usize] + 0.0722 * table[p[2] as usize]
}

/// A rectangle in pixels, clamped to the image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Area {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
}

impl Area {
    pub fn clamped(grid: Grid, x0: f32, y0: f32, x1: f32, y1: f32) -> Option<Area> {
        let (w, h) = grid.dimensions();
        let clamp = |v: f32, max: u32| (v.max(0.0) as u32).min(max);
        let area = Area { x0: clamp(x0, w), y0: clamp(y0, h), x1: clamp(x1, w), y1: clamp(y1, h) };
        (area.x1 > area.x0 + 1 && area.y1 > area.y0 + 1).then_some(area)
    }
    fn width(&self) -> u32 {
        self.x1 - self.x0
    }
    fn height(&self) -> u32 {
        self.y1 - self.y0
    }
    /// Each row of the area, top to bottom: its y and its pixels, left to right.
    fn rows<'a>(&self, grid: Grid<'a>) -> impl Iterator<Item = (u32, impl Iterator<Item = &'a [u8; 3]> + 'a)> + 'a {
        let a = *self;
        (a.y0..a.y1).map(move |y| (y, grid.row(y, a.x0, a.x1)))
    }
    /// The area's grey levels (BT.709 weights, truncated, as `image` computes them).
    fn grey(&self, grid: Grid) -> GrayImage {
        let mut grey = GrayImage::new(self.width(), self.height());
        let mut levels = grey.iter_mut();
        for y in self.y0..self.y1 {
            for (p, level) in grid.row(y, self.x0, self.x1).zip(levels.by_ref()) {
                *level = ((2126 * u32::from(p[0]) + 7152 * u32::from(p[1]) + 722 * u32::from(p[2])) / 10_000) as u8;
            }
        }
        grey
    }
    /// Every pixel of the area, row by row.
    fn pixels<'a>(&self, grid: Grid<'a>) -> impl Iterator<Item = &'a [u8; 3]> + 'a {
        self.rows(grid).flat_map(|(_, row)| row)
    }
}

/// The skin of the face: the detector's box without its edges, where hair,
/// ears and background can be.
pub fn skin_area(grid: Grid, face: &Face) -> Option<Area> {
    Area::clamped(
        grid,
        face.x + 0.2 * face.width,
        face.y + 0.15 * face.height,
        face.x + 0.8 * face.width,
        face.y + 0.9 * face.height,
    )
}

/// Two strips beside the head, above the shoulders: where a plain background shows.
pub fn background_areas(grid: Grid) -> Vec<Area> {
    let (w, h) = grid.dimensions();
    let (w, h) = (w as f32, h as f32);
    [(0.0, 0.12), (0.88, 1.0)]
        .iter()
        .filter_map(|(a, b)| Area::clamped(grid, a * w, 0.02 * h, b * w, 0.35 * h))
        .collect()
}

/// Linear luminance counted in 4096 levels (steps of 0.00024): percentiles in
/// one pass, without keeping or sorting the values.
struct Levels {
    counts: Vec<u32>,
    total: u32,
}

impl Levels {
    const TOP: f32 = 4095.0;

    fn new() -> Self {
        Levels { counts: vec![0; Self::TOP as usize + 1], total: 0 }
    }

    fn add(&mut self, luminance: f32) {
        let level = ((luminance * Self::TOP + 0.5) as usize).min(Self::TOP as usize);
        self.counts[level] += 1;
        self.total += 1;
    }

    /// The level a share `p` of the way up (nearest rank), as luminance; 0 when empty.
    fn percentile(&self, p: f32) -> f32 {
        let rank = ((self.total.saturating_sub(1)) as f32 * p + 0.5) as u32;
        let mut seen = 0;
        for (level, &count) in self.counts.iter().enumerate() {
            seen += count;
            if seen > rank {
                return level as f32 / Self::TOP;
            }
        }
        0.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Exposure {
    /// Median linear luminance of the skin.
    pub face_median: f32,
    /// The bright end of the skin (95th percentile).
    pub face_high: f32,
    /// Share of skin pixels clipped to white in every channel.
    pub face_clipped: f32,
}

pub fn exposure(grid: Grid, skin: Area) -> Exposure {
    let table = linear_table();
    let mut face = Levels::new();
    let mut clipped = 0u32;
    for y in skin.y0..skin.y1 {
        for p in grid.row(y, skin.x0, skin.x1) {
            face.add(luminance(&table, p));
            clipped += u32::from(p.iter().all(|&c| c >= 250));
        }
    }
    Exposure {
        face_median: face.percentile(0.5),
        face_high: face.percentile(0.95),
        face_clipped: clipped as f32 / face.total.max(1) as f32,
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glare {
    /// The largest hot spot, as a share of the skin area.
    pub largest_spot: f32,
    /// Where it is (its centre), in image pixels.
    pub at: Option<(u32, u32)>,
}

/// Where glare can be: the face and the forehead above the detector's box
/// (which stops near the eyebrows).
pub fn glare_area(grid: Grid, face: &Face) -> Option<Area> {
    Area::clamped(
        grid,
        face.x + 0.1 * face.width,
        face.y - 0.25 * face.height,
        face.x + 0.9 * face.width,
        face.y + 0.95 * face.height,
    )
}

/// Specular hot spots: near-white, colourless pixels well above the skin's own
/// median, in connected blobs. The mouth is left out so that teeth do not count.
pub fn glare(grid: Grid, face: &Face, area: Area, face_median: f32) -> Glare {
    let table = linear_table();
    let threshold = (face_median * 1.5).max(0.7);
    let skin = area;
    let mouth = Area::clamped(
        grid,
        face.x + 0.3 * face.width,
        face.y + 0.68 * face.height,
        face.x + 0.7 * face.width,
        face.y + 0.95 * face.height,
    );
    let (w, h) = (skin.width() as usize, skin.height() as usize);
    let mut hot = vec![false; w * h];
    for (y, row) in skin.rows(grid) {
        for (i, p) in row.enumerate() {
            // Most pixels are not near white: that test goes first.
            if !p.iter().all(|&c| c >= 248) {
                continue;
            }
            let x = skin.x0 + i as u32;
            if mouth.is_some_and(|m| x >= m.x0 && x < m.x1 && y >= m.y0 && y < m.y1) {
                continue;
            }
            let max = f32::from(p[0].max(p[1]).max(p[2]));
            let min = f32::from(p[0].min(p[1]).min(p[2]));
            let saturation = (max - min) / max;
            if luminance(&table, p) >= threshold && saturation < 0.1 {
                hot[(y - skin.y0) as usize * w + i] = true;
            }
        }
    }
    // Flood fill each blob (4-connected); keep the largest.
    let mut seen = vec![false; w * h];
    let (mut largest, mut at) = (0usize, None);
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !hot[start] || seen[start] {
            continue;
        }
        let (mut size, mut sx, mut sy, mut touches_top) = (0usize, 0usize, 0usize, false);
        seen[start] = true;
        stack.push(start);
        while let Some(i) = stack.pop() {
            size += 1;
            let (x, y) = (i % w, i / w);
            touches_top |= y == 0;
            sx += x;
            sy += y;
            let neighbours = [
                (x > 0).then(|| i - 1),
                (x + 1 < w).then(|| i + 1),
                (y > 0).then(|| i - w),
                (y + 1 < h).then(|| i + w),
            ];
            for n in neighbours.into_iter().flatten() {
                if hot[n] && !seen[n] {
                    seen[n] = true;
                    stack.push(n);
                }
            }
        }
        // A white area running out of the top (a cap, blond hair) is not a reflection.
        if !touches_top && size > largest {
            largest = size;
            at = Some((skin.x0 + (sx / size) as u32, skin.y0 + (sy / size) as u32));
        }
    }
    Glare { largest_spot: largest as f32 / (w * h).max(1) as f32, at }
}

/// Focus: the variance of the Laplacian of the skin, on a copy scaled to a fixed
/// width and stretched to full contrast, so that the number depends neither on
/// the photo's resolution nor on its exposure or the skin's tone.
pub fn sharpness(grid: Grid, skin: Area) -> f32 {
    const WIDTH: u32 = 160;
    let height = ((skin.height() as f32 * WIDTH as f32 / skin.width() as f32).round() as u32).max(3);
    // Grey first: the resize then filters one channel instead of three.
    let gray = crate::resize::triangle(&skin.grey(grid), WIDTH, height);
    let mut histogram = [0usize; 256];
    for p in gray.pixels() {
        histogram[p[0] as usize] += 1;
    }
    let count = gray.pixels().len();
    let low = nth_level(&histogram, count / 100) as f32;
    let high = nth_level(&histogram, count * 99 / 100) as f32;
    let gain = 255.0 / (high - low).max(16.0);
    let w = gray.width() as usize;
    let levels: Vec<f32> = gray.as_raw().iter().map(|&g| (g as f32 - low) * gain).collect();
    let mut values = Vec::with_capacity(levels.len());
    for ((above, row), below) in levels.chunks_exact(w).zip(levels.chunks_exact(w).skip(1)).zip(levels.chunks_exact(w).skip(2)) {
        for x in 1..w - 1 {
            let sum = row[x - 1] + row[x + 1] + above[x] + below[x];
            values.push(sum - 4.0 * row[x]);
        }
    }
    let n = values.len().max(1) as f32;
    let mean = values.iter().sum::<f32>() / n;
    values.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n
}

/// The `n`th smallest grey level (from 0), read off a histogram of levels.
fn nth_level(histogram: &[usize; 256], n: usize) -> u8 {
    let mut seen = 0;
    for (level, &count) in histogram.iter().enumerate() {
        seen += count;
        if seen > n {
            return level as u8;
        }
    }
    u8::MAX
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Background {
    /// Median linear luminance.
    pub lightness: f32,
    /// Standard deviation of the sRGB grey level: how far from plain.
    pub variation: f32,
}

pub fn background(grid: Grid, areas: &[Area]) -> Background {
    let table = linear_table();
    let mut lightness = Levels::new();
    // The grey level's sum and sum of squares, exact in integers.
    let (mut sum, mut squares) = (0u64, 0u64);
    for area in areas {
        for y in area.y0..area.y1 {
            for p in grid.row(y, area.x0, area.x1) {
                lightness.add(luminance(&table, p));
                let grey3 = u64::from(p[0]) + u64::from(p[1]) + u64::from(p[2]);
                sum += grey3;
                squares += grey3 * grey3;
            }
        }
    }
    let n = f64::from(lightness.total.max(1));
    let mean = sum as f64 / 3.0 / n;
    let variance = (squares as f64 / 9.0 / n - mean * mean).max(0.0);
    Background { lightness: lightness.percentile(0.5), variation: variance.sqrt() as f32 }
}

/// The top of the head: going up from the face, the highest row that still
/// differs from the background colour, seen in the corners above the head.
/// `None` when the background is too busy to tell hair from it.
pub fn crown(grid: Grid, face: &Face) -> Option<f32> {
    let (w, h) = grid.dimensions();
    let corner = |x0: f32, x1: f32| Area::clamped(grid, x0 * w as f32, 0.0, x1 * w as f32, 0.04 * h as f32);
    let samples: Vec<[f32; 3]> = [corner(0.0, 0.15), corner(0.85, 1.0)]
        .into_iter()
        .flatten()
        .flat_map(|a| a.pixels(grid).map(|p| [p[0] as f32, p[1] as f32, p[2] as f32]).collect::<Vec<_>>())
        .collect();
    if samples.is_empty() {
        return None;
    }
    let n = samples.len() as f32;
    let mean = [0, 1, 2].map(|c| samples.iter().map(|s| s[c]).sum::<f32>() / n);
    let spread = (samples
        .iter()
        .map(|s| (0..3).map(|c| (s[c] - mean[c]).powi(2)).sum::<f32>())
        .sum::<f32>()
        / n)
        .sqrt();
    // A busy background cannot be told from hair.
    if spread > 30.0 {
        return None;
    }
    let limit = (3.0 * spread).max(40.0);
    let (x0, x1) = (face.x.max(0.0) as u32, (face.x + face.width).min(w as f32) as u32);
    if x1 <= x0 {
        return None;
    }
    // More than a tenth of the row's points differ; counting stops once they do.
    let enough = (0.1 * (x1 - x0) as f32) as usize + 1;
    let is_head = |y: u32| {
        grid.row(y, x0, x1)
            .filter(|p| (0..3).map(|c| (p[c] as f32 - mean[c]).powi(2)).sum::<f32>() > limit * limit)
            .nth(enough - 1)
            .is_some()
    };
    let start = (face.y.max(0.0) as u32).min(h - 1);
    let gap = ((0.02 * h as f32) as u32).max(2);
    let (mut top, mut misses) = (start, 0);
    for y in (0..=start).rev() {
        if is_head(y) {
            top = y;
            misses = 0;
        } else {
            misses += 1;
            if misses > gap {
                return Some(top as f32);
            }
        }
    }
    // The head runs off the top edge.
    Some(0.0)
}
