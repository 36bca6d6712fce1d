//! Face detection with SeetaFace's funnel-structured cascade (the `rustface` crate):
//! pure Rust, so the same detector runs in the browser and on the server.
use crate::grid::Grid;
use image::GrayImage;
use rustface::{Detector, ImageData};

/// The detector's window: rustface 0.1.7 ignores its minimum face size and scans
/// from the image's own scale down, so the smallest face it finds is this many
/// pixels of the copy it is given, and that copy's size sets the cost.
const WINDOW: f32 = 40.0;

/// How a photo is searched: the smallest face sought (a share of the photo's
/// longer side, which sets the size of the grey copy searched), the detector's
/// pyramid step and window stride, and whether to retry on an equalised copy.
struct Pass {
    min_face: f32,
    pyramid_step: f32,
    stride: u32,
    equalised_too: bool,
}

/// A compliant 5:7 photo's face spans about a third of its height, a phone
/// portrait's (4:3, sideways) a quarter of its width or more: a quick look for
/// faces down to a quarter of the longer side, on a small copy, in coarse steps.
const QUICK: Pass = Pass { min_face: 0.23, pyramid_step: 0.5, stride: 6, equalised_too: false };
/// A single face found by the quick look that is narrower than this share of the
/// longer side could be one of several small faces, some missed by the coarse
/// steps: the photo is searched again, thoroughly.
const TRUSTED: f32 = 0.22;
/// Down to about a fifteenth of the longer side (smaller than that, no crop of
/// even a 12-megapixel photo could make the head large enough), in SeetaFace's
/// usual steps.
const THOROUGH: Pass = Pass { min_face: 0.065, pyramid_step: 0.8, stride: 4, equalised_too: true };

#[derive(Debug, thiserror::Error)]
#[error("the face model could not be read")]
pub struct ModelError;

/// The detector, built once from the model's bytes and reused for every photo.
pub struct FaceDetector {
    detector: Box<dyn Detector>,
}

/// A face's box in the photo's own pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Face {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub score: f64,
}

impl Face {
    pub fn centre_x(&self) -> f32 {
        self.x + self.width / 2.0
    }
}

impl FaceDetector {
    pub fn from_model_bytes(model: &[u8]) -> Result<Self, ModelError> {
        let model = rustface::read_model(model).map_err(|_| ModelError)?;
        let mut detector = rustface::create_detector_with_model(model);
        detector.set_score_thresh(2.0);
        Ok(Self { detector })
    }

    /// Every face found on the grid, largest first, in grid points.
    pub fn detect(&mut self, grid: Grid) -> Vec<Face> {
        let (width, height) = grid.dimensions();
        let long = width.max(height) as f32;
        let mut faces = self.search(grid, &QUICK);
        let settled = faces.len() > 1 || faces.first().is_some_and(|face| face.width >= TRUSTED * long);
        if !settled {
            let thorough = self.search(grid, &THOROUGH);
            if !thorough.is_empty() {
                faces = thorough;
            }
        }
        faces.sort_by(|a, b| (b.width * b.height).total_cmp(&(a.width * a.height)));
        faces
    }

    /// The faces a pass finds, in the image's pixels.
    fn search(&mut self, grid: Grid, pass: &Pass) -> Vec<Face> {
        let (width, height) = grid.dimensions();
        // The copy is never larger than asked for (its cost): the smallest face
        // found may be a little larger than `min_face`.
        let k = ((pass.min_face * width.max(height) as f32 / WINDOW).ceil() as u32).max(1);
        let gray = grey_reduced(grid, k);
        let (w, h) = gray.dimensions();
        // The detector panics on images smaller than its window.
        if w < WINDOW as u32 || h < WINDOW as u32 {
            return Vec::new();
        }
        self.detector.set_pyramid_scale_factor(pass.pyramid_step);
        self.detector.set_slide_window_step(pass.stride, pass.stride);
        let mut found = self.detector.detect(&ImageData::new(gray.as_raw(), w, h));
        if found.is_empty() && pass.equalised_too {
            // Over- or under-exposure flattens the features the cascade looks
            // for; spreading the grey levels brings them back.
            let equalised = equalise(&gray);
            found = self.detector.detect(&ImageData::new(equalised.as_raw(), w, h));
        }
        let k = k as f32;
        found
            .into_iter()
            .map(|info| {
                let b = info.bbox();
                Face {
                    x: b.x() as f32 * k,
                    y: b.y() as f32 * k,
                    width: b.width() as f32 * k,
                    height: b.height() as f32 * k,
                    score: info.score(),
                }
            })
            .collect()
    }
}

/// A grey copy a `k`th of the grid's size across and down: each pixel the mean
/// luma (BT.709 weights, in integers) of a block's photo pixels on every other of
/// its `k` grid rows (reading the photo costs more than adding), all across the
/// block; the last partial blocks are dropped.
fn grey_reduced(grid: Grid, k: u32) -> GrayImage {
    let (grid_w, grid_h) = grid.dimensions();
    let (w, h) = (grid_w / k, grid_h / k);
    // A block's width in photo pixels, and the rows read of its k.
    let span = (k * grid.step()) as usize;
    let divisor = u64::from(k.div_ceil(2)) * span as u64 * 10_000;
    // At most 35 rows of 255 (a grid is at most 12000 points long): u16 sums,
    // which the compiler adds 8 or 16 at a time.
    let mut columns = vec![0u16; w as usize * span * 3];
    let mut grey = GrayImage::new(w, h);
    let mut levels = grey.iter_mut();
    for band in 0..h {
        // Sums down each column of the band's rows, then across each block.
        columns.fill(0);
        for y in (band * k..(band + 1) * k).step_by(2) {
            for (sum, &v) in columns.iter_mut().zip(grid.photo_row(y).as_flattened()) {
                *sum += u16::from(v);
            }
        }
        for (block, level) in columns.as_chunks::<3>().0.chunks_exact(span).zip(levels.by_ref()) {
            let s = block.iter().fold([0u32; 3], |s, p| [s[0] + u32::from(p[0]), s[1] + u32::from(p[1]), s[2] + u32::from(p[2])]);
            // In u64: a long thin photo's blocks hold more than u32 can weigh.
            let luma = 2126 * u64::from(s[0]) + 7152 * u64::from(s[1]) + 722 * u64::from(s[2]);
            *level = ((luma + divisor / 2) / divisor) as u8;
        }
    }
    grey
}

/// Histogram equalisation of a grey image.
fn equalise(gray: &GrayImage) -> GrayImage {
    let mut histogram = [0u64; 256];
    for p in gray.pixels() {
        histogram[p[0] as usize] += 1;
    }
    let total = gray.pixels().len() as u64;
    let mut map = [0u8; 256];
    let mut cumulative = 0;
    let first = histogram.iter().position(|&n| n > 0).map(|i| histogram[i]).unwrap_or(0);
    for (level, count) in histogram.iter().enumerate() {
        cumulative += count;
        let span = total.saturating_sub(first).max(1);
        map[level] = ((cumulative.saturating_sub(first)) * 255 / span) as u8;
    }
    let mut out = gray.clone();
    for p in out.pixels_mut() {
        p[0] = map[p[0] as usize];
    }
    out
}
