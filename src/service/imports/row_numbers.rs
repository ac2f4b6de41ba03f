//! Row numbers as a spreadsheet shows them: the header is row 1, a blank line is a row of its
//! own, and a quoted cell that spans several lines of the file is still one row.
//!
//! The `csv` crate's own line count cannot be used: it does not count the blank lines it
//! skips and is off by one after CRLF line ends. Its byte position of a record can point at
//! the line end before the record, so the record is taken to start after any line-end bytes
//! there; line ends are then counted up to that start, less those inside earlier cells.

/// Counts rows through one CSV text, one record after another.
pub(super) struct RowNumbers<'a> {
    text: &'a [u8],
    scanned: usize,
    line_ends: u64,
    line_ends_in_cells: u64,
}

impl<'a> RowNumbers<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            text: text.as_bytes(),
            scanned: 0,
            line_ends: 0,
            line_ends_in_cells: 0,
        }
    }

    /// The row of `record` (records must come in order, the header first).
    pub(super) fn of(&mut self, record: &csv::StringRecord) -> u64 {
        let reported = record.position().map_or(0, |p| p.byte());
        let reported = usize::try_from(reported).unwrap_or(usize::MAX);
        let mut start = reported.max(self.scanned).min(self.text.len());
        while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        self.line_ends += line_ends(&self.text[self.scanned..start]);
        self.scanned = start;
        let row = 1 + self.line_ends.saturating_sub(self.line_ends_in_cells);
        self.line_ends_in_cells += record.iter().map(|c| line_ends(c.as_bytes())).sum::<u64>();
        row
    }
}

/// Line ends in `bytes`: LF, CRLF or a lone CR, each counted once.
fn line_ends(bytes: &[u8]) -> u64 {
    let mut count = 0;
    for (i, byte) in bytes.iter().enumerate() {
        let ends = match byte {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        if ends {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<u64> {
        let mut numbers = RowNumbers::new(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        reader
            .records()
            .flatten()
            .map(|record| numbers.of(&record))
            .collect()
    }

    #[test]
    fn each_line_is_a_row_whatever_the_line_ends() {
        assert_eq!(rows("H,I\na,1\nb,2\n"), [1, 2, 3]);
        assert_eq!(rows("H,I\r\na,1\r\nb,2"), [1, 2, 3]);
        assert_eq!(rows("H,I\ra,1\rb,2\r"), [1, 2, 3]);
    }

    #[test]
    fn blank_lines_count_as_rows() {
        assert_eq!(rows("H,I\na,1\n\n\nb,2\n"), [1, 2, 5]);
        assert_eq!(rows("H,I\r\n\r\na,1\r\n\r\nb,2\r\n"), [1, 3, 5]);
    }

    #[test]
    fn a_cell_over_several_lines_is_one_row() {
        assert_eq!(rows("H,I\na,\"x\ny\r\nz\"\nb,2\n"), [1, 2, 3]);
        assert_eq!(rows("\"H\nx\",I\na,1\n"), [1, 2]);
    }
}
