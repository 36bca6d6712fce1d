//! Stacking blocks down the pages, then drawing them with krilla.
//!
//! Composing is two passes. The first places every block (onto a new page
//! only when one doesn't fit) and describes the tag tree, in reading order,
//! with leaves that point at the placed content. The second draws each page,
//! and only then are krilla's identifiers for the marked content known, which
//! turn the description into krilla's tag tree.

use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::luma;
use krilla::geom::{Path, PathBuilder, Point, Quadrilateral, Rect};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, BBox, ContentTag, Identifier, Node, SpanTag, Tag, TagGroup, TagKind,
    TagTree,
};
use krilla::Document;

use super::layout::{Block, Piece, Style};
use super::DocumentError;

// US Letter with 0.75 in margins; krilla's y axis points down from the top.
const PAGE_W: f32 = 612.0;
const PAGE_H: f32 = 792.0;
pub(super) const MARGIN: f32 = 54.0;
pub(super) const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

/// Something to draw on a page.
enum Op {
    Text {
        at: Point,
        style: Style,
        piece: Piece,
    },
    /// A decorative or signature rule: an artifact, outside the tag tree.
    Rule(Rect, u8),
    /// Vector graphics that are one Figure, such as the QR code.
    Figure(Path),
}

/// A clickable area, one quadrilateral per line of its text.
struct LinkArea {
    page: usize,
    quads: Vec<Quadrilateral>,
    url: String,
    alt: String,
}

/// A node of the tag tree, its leaves pointing at `Composer::ops` (marked
/// content) and `Composer::links` (annotations).
pub(super) enum Elem {
    Group(TagKind, Vec<Elem>),
    Content(usize),
    Link(usize),
}

impl Elem {
    pub(super) fn group(tag: impl Into<TagKind>, children: Vec<Elem>) -> Self {
        Elem::Group(tag.into(), children)
    }

    /// Takes each identifier once: krilla requires every piece of marked
    /// content to have exactly one parent.
    fn into_krilla(self, content: &mut Ids, links: &mut Ids) -> Node {
        let drawn = "every leaf was drawn exactly once";
        match self {
            Elem::Group(tag, children) => {
                let children = children
                    .into_iter()
                    .map(|child| child.into_krilla(content, links))
                    .collect();
                TagGroup::with_children(tag, children).into()
            }
            Elem::Content(index) => content[index].take().expect(drawn).into(),
            Elem::Link(index) => links[index].take().expect(drawn).into(),
        }
    }
}

/// Marked-content identifiers, by op or by link.
type Ids = Vec<Option<Identifier>>;

pub(super) struct Composer {
    ops: Vec<(usize, Op)>,
    links: Vec<LinkArea>,
    page: usize,
    y: f32,
}

impl Composer {
    pub(super) fn new() -> Self {
        Self {
            ops: Vec::new(),
            links: Vec::new(),
            page: 0,
            y: MARGIN,
        }
    }

    /// The top of `height` points kept together on one page, on a new page if
    /// they don't fit on this one.
    pub(super) fn reserve(&mut self, height: f32) -> Result<f32, DocumentError> {
        if height > PAGE_H - 2.0 * MARGIN {
            return Err(DocumentError::TooLong);
        }
        if self.y + height > PAGE_H - MARGIN {
            self.page += 1;
            self.y = MARGIN;
        }
        self.y += height;
        Ok(self.y - height)
    }

    pub(super) fn skip(&mut self, height: f32) {
        self.y += height;
    }

    /// Places `block` with its top-left corner at (`x`, `top`), one span of
    /// marked content per piece.
    pub(super) fn place(&mut self, block: Block, x: f32, top: f32) -> Vec<Elem> {
        let mut leaves = Vec::new();
        for (index, line) in block.lines.into_iter().enumerate() {
            let baseline = block.style.baseline(top, index);
            for piece in line {
                leaves.push(Elem::Content(self.ops.len()));
                let at = Point::from_xy(x + piece.x, baseline);
                self.ops.push((
                    self.page,
                    Op::Text {
                        at,
                        style: block.style,
                        piece,
                    },
                ));
            }
        }
        leaves
    }

    /// A full-width block of text below the previous one.
    pub(super) fn paragraph(&mut self, block: Block) -> Result<Vec<Elem>, DocumentError> {
        let top = self.reserve(block.height())?;
        Ok(self.place(block, MARGIN, top))
    }

    /// A rule across the page below the previous block.
    pub(super) fn rule(&mut self, thickness: f32, gray: u8) -> Result<(), DocumentError> {
        let top = self.reserve(thickness)?;
        self.draw_rule(Rect::from_xywh(MARGIN, top, WIDTH, thickness), gray);
        Ok(())
    }

    pub(super) fn draw_rule(&mut self, rect: Option<Rect>, gray: u8) {
        let rect = rect.expect("rules have a positive size");
        self.ops.push((self.page, Op::Rule(rect, gray)));
    }

    /// Places `block` and makes it a link to `url`: the Link tag holds both
    /// the text and the annotation, as PDF/UA wants.
    pub(super) fn link(&mut self, block: Block, top: f32, url: &str, alt: &str) -> Elem {
        let quads = block.lines.iter().enumerate().filter_map(|(index, line)| {
            let baseline = block.style.baseline(top, index);
            let width = line.iter().map(|piece| piece.width).sum();
            let height = block.style.leading;
            Rect::from_xywh(MARGIN, baseline - block.style.size, width, height)
                .map(Quadrilateral::from)
        });
        let quads = quads.collect();
        let (url, alt) = (url.to_owned(), alt.to_owned());
        let area = LinkArea {
            page: self.page,
            quads,
            url,
            alt,
        };
        let mut children = self.place(block, MARGIN, top);
        children.push(Elem::Link(self.links.len()));
        self.links.push(area);
        Elem::group(Tag::Link, children)
    }

    /// `path` as a Figure with alternative text, `bounds` its bounding box.
    pub(super) fn figure(&mut self, path: Path, bounds: Option<Rect>, alt: &str) -> Elem {
        let bbox = bounds.map(|rect| BBox::new(self.page, rect));
        let tag = Tag::Figure(Some(alt.into())).with_bbox(bbox);
        self.ops.push((self.page, Op::Figure(path)));
        Elem::group(tag, vec![Elem::Content(self.ops.len() - 1)])
    }

    /// Draws every page into `document` and returns the tag tree of
    /// `structure`, in `lang`.
    pub(super) fn draw(
        self,
        document: &mut Document,
        structure: Vec<Elem>,
        lang: &str,
    ) -> Result<TagTree, DocumentError> {
        let mut content: Ids = self.ops.iter().map(|_| None).collect();
        let mut links: Ids = self.links.iter().map(|_| None).collect();
        for index in 0..=self.page {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H).expect("Letter is a page size");
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            let ops = content.iter_mut().zip(&self.ops);
            for (id, (_, op)) in ops.filter(|(_, (page, _))| *page == index) {
                *id = draw_op(&mut surface, op)?;
            }
            surface.finish();
            let areas = links.iter_mut().zip(&self.links);
            for (id, area) in areas.filter(|(_, area)| area.page == index) {
                let target = Target::Action(LinkAction::new(area.url.clone()).into());
                let link = LinkAnnotation::new_with_quad_points(area.quads.clone(), target);
                let annotation = Annotation::new_link(link, Some(area.alt.clone()));
                *id = Some(page.add_tagged_annotation(annotation));
            }
            page.finish();
        }
        let mut tree = TagTree::new().with_lang(Some(lang.into()));
        for elem in structure {
            tree.push(elem.into_krilla(&mut content, &mut links));
        }
        Ok(tree)
    }
}

/// Draws one op, marked as the tags require: text as spans carrying their
/// language, figures as content of their Figure tag, rules as artifacts.
fn draw_op(surface: &mut Surface, op: &Op) -> Result<Option<Identifier>, DocumentError> {
    let gray = |level| {
        Some(Fill {
            paint: luma::Color::new(level).into(),
            ..Fill::default()
        })
    };
    Ok(match op {
        Op::Text { at, style, piece } => {
            let face = style.face();
            let glyphs = face.glyphs(&piece.text)?;
            surface.set_fill(gray(style.gray));
            let span = SpanTag::empty().with_lang(piece.lang);
            let id = surface.start_tagged(ContentTag::Span(span));
            surface.draw_glyphs(
                *at,
                &glyphs,
                face.font.clone(),
                &piece.text,
                style.size,
                false,
            );
            surface.end_tagged();
            Some(id)
        }
        Op::Rule(rect, level) => {
            let mut builder = PathBuilder::new();
            builder.push_rect(*rect);
            let path = builder.finish().expect("a rectangle is a path");
            surface.set_fill(gray(*level));
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Layout,
            )));
            surface.draw_path(&path);
            surface.end_tagged();
            None
        }
        Op::Figure(path) => {
            surface.set_fill(gray(0));
            let id = surface.start_tagged(ContentTag::Other);
            surface.draw_path(path);
            surface.end_tagged();
            Some(id)
        }
    })
}
