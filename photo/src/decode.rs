//! Reading a photo file: the format from its bytes, limits against decompression
//! bombs, and the EXIF orientation applied so the pixels stand as the person sees them.
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbImage};
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

fn classify(error: image::ImageError) -> DecodeError {
    match error {
        image::ImageError::Limits(_) => DecodeError::TooLarge,
        image::ImageError::Unsupported(_) => DecodeError::UnsupportedFormat,
        _ => DecodeError::Corrupt,
    }
}
