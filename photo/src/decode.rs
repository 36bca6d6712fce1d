//! Reading a photo file: the format from its bytes, limits against decompression
//! bombs, and the EXIF orientation applied so the pixels stand as the person sees them.
use crate::grid::Grid;
use crate::rules;
use image::{metadata::Orientation, DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbImage};
use std::io::Cursor;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
}

/// JPEG or PNG, told by the file's first bytes, never by its name.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else {
        None
    }
}

/// Bounds on what a file may make the decoder allocate.
#[derive(Clone, Copy, Debug)]
pub struct DecodeLimits {
    pub max_side: u32,
    pub max_pixels: u64,
}

impl Default for DecodeLimits {
    /// A 48-megapixel phone photo decodes; a 1-kilobyte bomb claiming 100 000 × 100 000 does not.
    fn default() -> Self {
        Self { max_side: 12_000, max_pixels: 50_000_000 }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the file is neither a JPEG nor a PNG")]
    UnsupportedFormat,
    #[error("the image is larger than can be checked")]
    TooLarge,
    #[error("the file is damaged or incomplete")]
    Corrupt,
}

pub fn decode(bytes: &[u8], limits: DecodeLimits) -> Result<(Format, RgbImage), DecodeError> {
    let format = sniff(bytes).ok_or(DecodeError::UnsupportedFormat)?;
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(match format {
        Format::Jpeg => ImageFormat::Jpeg,
        Format::Png => ImageFormat::Png,
    });
    let mut image_limits = image::Limits::default();
    image_limits.max_image_width = Some(limits.max_side);
    image_limits.max_image_height = Some(limits.max_side);
    // Room for the decoded pixels (at most 4 bytes each) and the decoder's own buffers.
    image_limits.max_alloc = Some(limits.max_pixels * 4 + 64 * 1024 * 1024);
    reader.limits(image_limits);
    let mut decoder = reader.into_decoder().map_err(classify)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(DecodeError::TooLarge);
    }
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(classify)?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok((format, image.into_rgb8()))
}

/// A photo as the checks see it: its own size, and its pixels reduced by a power of
/// two whose shorter side stays at least as long as the narrowest photo IRCC accepts,
/// so every photo is measured at no less than the resolution a compliant one may have.
pub struct Sample {
    /// The photo's size, once oriented.
    pub width: u32,
    pub height: u32,
    /// Photo pixels per measured pixel, across and down: 1, 2, 4 or 8.
    pub reduction: u32,
    /// The decoded pixels, oriented: the photo's own, or a copy reduced while decoding.
    pub pixels: RgbImage,
}

/// The largest reduction (1, 2, 4 or 8) that keeps the shorter side at least `MIN_WIDTH` long.
pub fn reduction_for(width: u32, height: u32) -> u32 {
    let short = width.min(height);
    [8, 4, 2].into_iter().find(|&r| short.div_ceil(r) >= rules::MIN_WIDTH).unwrap_or(1)
}

/// Decodes what the checks measure. A JPEG reduced by 4 or 8 is reduced while it
/// is decoded (by a smaller inverse DCT), so a 12-megapixel photo never exists in
/// full; other files are decoded fully (for halving, the faster full decoder costs
/// less than the reduced decode) and measured on a grid of every `reduction`th pixel.
pub fn decode_sample(bytes: &[u8], limits: DecodeLimits) -> Result<(Format, Sample), DecodeError> {
    if sniff(bytes) == Some(Format::Jpeg) {
        if let Some(sample) = decode_jpeg_reduced(bytes, limits)? {
            return Ok((Format::Jpeg, sample));
        }
    }
    decode(bytes, limits).map(|(format, image)| (format, Sample::new(image)))
}

impl Sample {
    /// The sample of pixels decoded in full.
    pub fn new(pixels: RgbImage) -> Self {
        let (width, height) = pixels.dimensions();
        Sample { width, height, reduction: reduction_for(width, height), pixels }
    }

    /// The points the checks measure, `reduction` photo pixels apart.
    pub fn grid(&self) -> Grid<'_> {
        let decoded_in_full = self.pixels.width() == self.width;
        Grid::new(&self.pixels, if decoded_in_full { self.reduction } else { 1 })
    }
}

/// `None` when this decoder cannot read the file (12-bit or CMYK JPEGs, damage): the
/// general decoder then reads it, or says why it cannot.
fn decode_jpeg_reduced(bytes: &[u8], limits: DecodeLimits) -> Result<Option<Sample>, DecodeError> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    // The largest request gives the full size.
    let Ok((full_w, full_h)) = decoder.scale(u16::MAX, u16::MAX) else { return Ok(None) };
    let (width, height) = (u32::from(full_w), u32::from(full_h));
    if width > limits.max_side || height > limits.max_side || u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(DecodeError::TooLarge);
    }
    let reduction = reduction_for(width, height);
    if reduction < 4 {
        return Ok(None);
    }
    let Ok((w, h)) = decoder.scale(width.div_ceil(reduction) as u16, height.div_ceil(reduction) as u16) else {
        return Ok(None);
    };
    let (w, h) = (u32::from(w), u32::from(h));
    decoder.set_max_decoding_buffer_size(usize::try_from(limits.max_pixels * 4).unwrap_or(usize::MAX));
    let Ok(raw) = decoder.decode() else { return Ok(None) };
    let pixels = match raw.len().checked_div((w * h) as usize) {
        Some(3) => RgbImage::from_raw(w, h, raw).map(DynamicImage::ImageRgb8),
        Some(1) => image::GrayImage::from_raw(w, h, raw).map(DynamicImage::ImageLuma8),
        _ => None,
    };
    let Some(mut pixels) = pixels else { return Ok(None) };
    let orientation = decoder.exif_data().and_then(Orientation::from_exif_chunk).unwrap_or(Orientation::NoTransforms);
    pixels.apply_orientation(orientation);
    let (width, height) = match orientation {
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH => {
            (height, width)
        }
        _ => (width, height),
    };
    Ok(Some(Sample { width, height, reduction, pixels: pixels.into_rgb8() }))
}

fn classify(error: image::ImageError) -> DecodeError {
    match error {
        image::ImageError::Limits(_) => DecodeError::TooLarge,
        image::ImageError::Unsupported(_) => DecodeError::UnsupportedFormat,
        _ => DecodeError::Corrupt,
    }
}
