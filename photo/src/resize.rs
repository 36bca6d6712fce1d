//! Resizing a grey image with a triangle filter: the very numbers of `image`'s
//! `resize(.., FilterType::Triangle)`, which converts every pixel to four f32
//! channels; one channel is a quarter of the work, and the checks resize often.
use image::GrayImage;

/// For each output sample: the first input sample it reads and the weights of
/// those it reads, summing to one (as `image` computes them, operation for operation).
fn weights(from: u32, to: u32) -> Vec<(usize, Vec<f32>)> {
    let ratio = from as f32 / to as f32;
    let sratio = if ratio < 1.0 { 1.0 } else { ratio };
    let support = sratio;
    (0..to)
        .map(|out| {
            let input = (out as f32 + 0.5) * ratio;
            let left = ((input - support).floor() as i64).clamp(0, i64::from(from) - 1);
            let right = ((input + support).ceil() as i64).clamp(left + 1, i64::from(from));
            let input = input - 0.5;
            let mut ws: Vec<f32> = (left..right)
                .map(|i| {
                    let x = ((i as f32 - input) / sratio).abs();
                    if x < 1.0 { 1.0 - x } else { 0.0 }
                })
                .collect();
            let sum = ws.iter().fold(0.0, |s, w| s + w);
            for w in &mut ws {
                *w /= sum;
            }
            (left as usize, ws)
        })
        .collect()
}

/// `image::imageops::resize(grey, width, height, FilterType::Triangle)`.
pub fn triangle(grey: &GrayImage, width: u32, height: u32) -> GrayImage {
    let (w, h) = grey.dimensions();
    if w == 0 || h == 0 {
        return GrayImage::new(width, height);
    }
    if (w, h) == (width, height) {
        return grey.clone();
    }
    let raw = grey.as_raw();
    let (w, height_usize) = (w as usize, height as usize);
    // Down the columns first, into f32, as `image` does.
    let mut columns = vec![0.0f32; w * height_usize];
    for (out_y, (top, ws)) in weights(h, height).into_iter().enumerate() {
        let row = &mut columns[out_y * w..][..w];
        for (i, weight) in ws.iter().enumerate() {
            let source = &raw[(top + i) * w..][..w];
            for (t, &v) in row.iter_mut().zip(source) {
                *t += f32::from(v) * weight;
            }
        }
    }
    let across = weights(w as u32, width);
    let mut out = GrayImage::new(width, height);
    let mut levels = out.iter_mut();
    for row in columns.chunks_exact(w) {
        for ((left, ws), level) in across.iter().zip(levels.by_ref()) {
            let t = ws.iter().enumerate().fold(0.0f32, |t, (i, weight)| t + row[left + i] * weight);
            *level = t.clamp(0.0, 255.0).round() as u8;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use image::imageops::{resize, FilterType};

    #[test]
    fn gives_the_numbers_of_image() {
        for (w, h, to_w, to_h) in [(264, 330, 160, 200), (190, 237, 160, 200), (120, 150, 160, 200), (7, 5, 3, 9), (160, 200, 160, 201)] {
            let grey = image::GrayImage::from_fn(w, h, |x, y| image::Luma([((x * 37 + y * 91 + x * y) % 256) as u8]));
            assert_eq!(super::triangle(&grey, to_w, to_h), resize(&grey, to_w, to_h, FilterType::Triangle), "{w}×{h} to {to_w}×{to_h}");
        }
    }
}
