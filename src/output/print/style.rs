//! The print design in one place: text sizes (points) and lengths
//! (millimetres) of posters and flyers, drawn for A4 and scaled to the
//! paper, and of the board sheet. Changing a number here changes every
//! print file drawn with it (and so every key of the build cache).

/// Posters and flyers, as designed for A4; a smaller paper scales every
/// size by its width against A4's, down to the floors below.
pub(super) struct Sheet {
    /// The margin around the sheet.
    pub margin: f32,
    /// The commune line at the top, and the rule under it.
    pub commune: f32,
    pub commune_rule: f32,
    /// The title: tried from `title` down to `title_floor` to fit three
    /// lines, then four lines at the floor, then shortened.
    pub title: f32,
    pub title_floor: f32,
    /// The summary, in at most `summary_lines` lines (not on A6 flyers).
    pub summary: f32,
    pub summary_lines: usize,
    /// The footer: the help line, the draft note, the date checked; and
    /// the rule over it.
    pub footer: f32,
    pub footer_rule: f32,
    /// Under the QR code: the scan line, the link written out, and what a
    /// genuine code opens.
    pub scan: f32,
    pub link: f32,
    pub genuine: f32,
    /// The QR symbol's width without its quiet zone: A4, A5 and A3
    /// posters, A5 flyers (as A5) and A6 flyers.
    pub symbol_a4: f32,
    pub symbol_a5: f32,
    pub symbol_a3: f32,
    pub symbol_a6: f32,
    /// The sizes tried for the steps and the checklist, largest first.
    pub lists: [f32; 6],
    /// Most steps and documents shown; steps on an A6 flyer (by design:
    /// not reported as a cut).
    pub steps: usize,
    pub documents: usize,
    pub steps_a6: usize,
    /// Scaling floors: small print never below 75 % of its A4 size, the
    /// lists 70 %, the footer 80 %.
    pub small_floor: f32,
    pub lists_floor: f32,
    pub footer_floor: f32,
}

pub(super) const SHEET: Sheet = Sheet {
    margin: 14.0,
    commune: 13.0,
    commune_rule: 0.6,
    title: 36.0,
    title_floor: 22.0,
    summary: 15.0,
    summary_lines: 3,
    footer: 11.0,
    footer_rule: 0.4,
    scan: 14.0,
    link: 13.0,
    genuine: 11.0,
    symbol_a4: 66.0,
    symbol_a5: 47.0,
    symbol_a3: 90.0,
    symbol_a6: 36.0,
    lists: [16.0, 15.0, 14.0, 13.0, 12.0, 11.0],
    steps: 6,
    documents: 4,
    steps_a6: 3,
    small_floor: 0.75,
    lists_floor: 0.7,
    footer_floor: 0.8,
};

/// The board sheet (every procedure's code in one grid).
pub(super) struct Board {
    /// The QR symbol's width: read from an arm's length, with modules of
    /// about 0.85 mm on the sample's codes.
    pub symbol: f32,
    /// A category's name in the band over its codes; a procedure's title
    /// under its code (at most three lines); its link.
    pub heading: f32,
    pub title: f32,
    pub link: f32,
    /// The smallest size a link is made to fit its cell at (above the
    /// 6 pt a print shop's check allows).
    pub link_min: f32,
    /// The smallest size a category's name or the line on genuine codes
    /// is made to fit its width at, before it is cut.
    pub line_min: f32,
    /// The narrowest column of the grid.
    pub min_cell: f32,
}

pub(super) const BOARD: Board = Board {
    symbol: 28.0,
    heading: 10.0,
    title: 9.5,
    link: 8.0,
    link_min: 6.5,
    line_min: 7.0,
    min_cell: 46.0,
};
