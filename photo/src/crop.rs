//! The crop tool's engine: a 5:7 frame with the head at the right size, and the
//! final JPEG, re-encoded from pixels so that no metadata (GPS included) survives.
use crate::{rules, Head};
use image::RgbImage;

/// A frame on the source photo, in its pixels.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Crop {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// Where the head sits in a proposed frame: the middle of IRCC's 44–51 %, with
/// the crown a little below the top edge.
/// The crop tool draws its guide lines from these too.
pub const HEAD_SHARE: f32 = 0.475;
pub const CROWN_MARGIN: f32 = 0.07;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CropError {
    #[error("the frame must lie inside the photo")]
    OutsidePhoto,
    #[error("the frame is smaller than 715 × 1000 pixels of the photo, and photos are never enlarged")]
    TooSmall,
}

impl Crop {
    /// Keeps the 5:7 shape and the frame inside the photo.
    pub fn fitted(self, image_width: u32, image_height: u32) -> Crop {
        let (iw, ih) = (image_width as f32, image_height as f32);
        let mut height = self.height.min(ih).min(iw * 7.0 / 5.0).max(1.0);
        let mut width = height * 5.0 / 7.0;
        if width > iw {
            width = iw;
            height = width * 7.0 / 5.0;
        }
        let x = self.x.clamp(0.0, (iw - width).max(0.0));
        let y = self.y.clamp(0.0, (ih - height).max(0.0));
        Crop { x, y, width, height }
    }

    /// Moved by a share of its own size (keyboard and pointer adjustments).
    pub fn moved(self, dx: f32, dy: f32, image_width: u32, image_height: u32) -> Crop {
        Crop { x: self.x + dx * self.width, y: self.y + dy * self.height, ..self }.fitted(image_width, image_height)
    }

    /// Zoomed about its centre: a factor above 1 shows more of the photo.
    pub fn zoomed(self, factor: f32, image_width: u32, image_height: u32) -> Crop {
        let (cx, cy) = (self.x + self.width / 2.0, self.y + self.height / 2.0);
        let height = self.height * factor;
        let width = height * 5.0 / 7.0;
        Crop { x: cx - width / 2.0, y: cy - height / 2.0, width, height }.fitted(image_width, image_height)
    }
}

/// The frame that puts the head at 47.5 % of the height, centred.
pub fn propose_crop(head: Head, image_width: u32, image_height: u32) -> Crop {
    let height = (head.chin - head.crown).max(1.0) / HEAD_SHARE;
    let width = height * 5.0 / 7.0;
    Crop { x: head.centre_x - width / 2.0, y: head.crown - CROWN_MARGIN * height, width, height }
        .fitted(image_width, image_height)
}

impl Crop {
    /// The frame in whole pixels of a photo of this size (x, y, width, height),
    /// if it can make a photo IRCC accepts: the browser asks this before the
    /// pixels are cut, which needs none.
    pub fn pixels(self, image_width: u32, image_height: u32) -> Result<(u32, u32, u32, u32), CropError> {
        let (iw, ih) = (image_width, image_height);
        let (x, y) = (self.x.round() as i64, self.y.round() as i64);
        let (w, h) = (self.width.round() as i64, self.height.round() as i64);
        if x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > i64::from(iw) + 1 || y + h > i64::from(ih) + 1 {
            return Err(CropError::OutsidePhoto);
        }
        let (x, y) = (x as u32, y as u32);
        let (w, h) = ((w as u32).min(iw - x), (h as u32).min(ih - y));
        if w < rules::MIN_WIDTH || h < rules::MIN_HEIGHT {
            return Err(CropError::TooSmall);
        }
        Ok((x, y, w, h))
    }
}

/// Cuts the frame out and scales it down (never up) to fit 2000 × 2800.
pub fn apply_crop(image: &RgbImage, crop: Crop) -> Result<RgbImage, CropError> {
    let (x, y, w, h) = crop.pixels(image.width(), image.height())?;
    let cut = image::imageops::crop_imm(image, x, y, w, h).to_image();
    if w <= rules::MAX_WIDTH && h <= rules::MAX_HEIGHT {
        return Ok(cut);
    }
    let scale = (rules::MAX_WIDTH as f32 / w as f32).min(rules::MAX_HEIGHT as f32 / h as f32);
    let (nw, nh) = (((w as f32 * scale).floor() as u32), ((h as f32 * scale).floor() as u32));
    Ok(image::imageops::resize(&cut, nw.max(rules::MIN_WIDTH), nh.max(rules::MIN_HEIGHT), image::imageops::FilterType::Lanczos3))
}

/// A baseline JPEG of the pixels alone, under IRCC's 4 MB.
pub fn encode_jpeg(image: &RgbImage) -> Vec<u8> {
    for quality in [92u8, 85, 75, 60] {
        let mut bytes = Vec::new();
        let encoded = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality).encode_image(image);
        if encoded.is_ok() && bytes.len() <= rules::MAX_FILE_BYTES {
            return bytes;
        }
    }
    // At most 2000 × 2800 pixels, quality 60 is far under 4 MB; this is never reached
    // with frames from apply_crop, and an empty file would fail the format check.
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head() -> Head {
        Head { crown: 400.0, chin: 1040.0, centre_x: 1000.0 }
    }

    #[test]
    fn the_proposal_puts_the_head_at_47_5_percent_in_5_to_7() {
        let crop = propose_crop(head(), 2000, 3000);
        assert!((crop.width / crop.height - 5.0 / 7.0).abs() < 1e-4);
        assert!(((head().chin - head().crown) / crop.height - HEAD_SHARE).abs() < 1e-3);
        assert!((crop.x + crop.width / 2.0 - 1000.0).abs() < 1e-3);
    }

    #[test]
    fn frames_stay_inside_the_photo_and_keep_their_shape() {
        let crop = propose_crop(Head { crown: 10.0, chin: 900.0, centre_x: 50.0 }, 1200, 1500);
        assert!(crop.x >= 0.0 && crop.y >= 0.0 && crop.x + crop.width <= 1200.0 && crop.y + crop.height <= 1500.0);
        assert!((crop.width / crop.height - 5.0 / 7.0).abs() < 1e-4);
        let moved = crop.moved(10.0, 10.0, 1200, 1500);
        assert!(moved.x + moved.width <= 1200.0 + 1e-3 && moved.y + moved.height <= 1500.0 + 1e-3);
        let zoomed = crop.zoomed(5.0, 1200, 1500);
        assert!(zoomed.height <= 1500.0 && zoomed.width <= 1200.0);
    }

    #[test]
    fn small_frames_are_refused_and_large_ones_scaled_down() {
        let image = RgbImage::new(3000, 4200);
        let small = Crop { x: 0.0, y: 0.0, width: 500.0, height: 700.0 };
        assert_eq!(apply_crop(&image, small), Err(CropError::TooSmall));
        let large = apply_crop(&image, Crop { x: 0.0, y: 0.0, width: 3000.0, height: 4200.0 }).unwrap();
        assert_eq!(large.dimensions(), (2000, 2800));
        let exact = apply_crop(&image, Crop { x: 10.0, y: 10.0, width: 715.0, height: 1001.0 }).unwrap();
        assert_eq!(exact.dimensions(), (715, 1001));
    }

    #[test]
    fn the_jpeg_carries_pixels_only() {
        let jpeg = encode_jpeg(&RgbImage::from_pixel(715, 1001, image::Rgb([200, 200, 200])));
        assert!(jpeg.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert!(!jpeg.windows(4).any(|w| w == b"Exif"), "no EXIF block");
        assert!(jpeg.len() < rules::MAX_FILE_BYTES);
    }
}
