//! The pixels the checks measure: every `step`th pixel of an image, across and
//! down. A photo decoded in full is measured on a grid as coarse as its reduction,
//! so its pixels are never copied; one reduced while decoding, on all of them.
use image::RgbImage;

#[derive(Clone, Copy)]
pub struct Grid<'a> {
    image: &'a RgbImage,
    step: u32,
}

impl<'a> Grid<'a> {
    pub fn new(image: &'a RgbImage, step: u32) -> Self {
        Grid { image, step: step.max(1) }
    }

    /// Width and height, in grid points.
    pub fn dimensions(&self) -> (u32, u32) {
        let (w, h) = self.image.dimensions();
        (w.div_ceil(self.step), h.div_ceil(self.step))
    }

    /// The RGB bytes of the points `x0..x1` of row `y`, left to right.
    pub fn row(&self, y: u32, x0: u32, x1: u32) -> impl Iterator<Item = &'a [u8; 3]> + 'a {
        let step = self.step as usize;
        let (first, last) = (x0 as usize * step, (x1.max(x0 + 1) as usize - 1) * step);
        let points = if x1 > x0 { &self.photo_row(y)[first..=last] } else { &[] };
        points.iter().step_by(step)
    }

    /// Every pixel of the photo's row on which grid row `y` lies (the photo's own
    /// resolution across: for averaging).
    pub fn photo_row(&self, y: u32) -> &'a [[u8; 3]] {
        let width = self.image.width() as usize;
        let start = (y * self.step) as usize * width;
        &self.image.as_raw().as_chunks::<3>().0[start..start + width]
    }

    /// Photo pixels from one grid point to the next, across and down.
    pub fn step(&self) -> u32 {
        self.step
    }
}

#[cfg(test)]
mod tests {
    use super::Grid;
    use image::{Rgb, RgbImage};

    #[test]
    fn a_grid_reads_every_step_th_pixel_across_and_down() {
        let image = RgbImage::from_fn(5, 3, |x, y| Rgb([x as u8, y as u8, 0]));
        let grid = Grid::new(&image, 2);
        assert_eq!(grid.dimensions(), (3, 2));
        let row: Vec<_> = grid.row(1, 0, 3).map(|p| (p[0], p[1])).collect();
        assert_eq!(row, [(0, 2), (2, 2), (4, 2)]);
        assert_eq!(grid.row(0, 1, 2).map(|p| p[0]).collect::<Vec<_>>(), [2]);
        assert_eq!(grid.row(0, 2, 2).count(), 0);
        assert_eq!(Grid::new(&image, 1).row(2, 1, 4).map(|p| p[0]).collect::<Vec<_>>(), [1, 2, 3]);
    }
}
