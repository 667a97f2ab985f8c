//! Backends: PDF and pictures (SVG, PNG) draw the layout's pages; DOCX writes the model and template as
//! Word structures, set as the layout decided.

pub mod docx;
pub mod ofd;
pub mod pdf;
pub mod picture;
pub(crate) mod xml;

/// Files packed in a zip as Office and OFD packages are: deflated, in the order given, with no
/// dates (so the same parts give the same bytes).
pub(crate) fn zip_parts(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let fail = |e: &dyn std::fmt::Display| format!("packing the parts: {e}");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

/// A UTC time, from seconds since 1970 (`SOURCE_DATE_EPOCH`), for the outputs' metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utc {
    /// Year.
    pub year: i64,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second.
    pub second: u8,
}

impl Utc {
    /// The civil date and time of `secs` seconds after 1970-01-01T00:00:00Z (proleptic
    /// Gregorian calendar; H. Hinnant's `civil_from_days`).
    pub fn from_epoch(secs: i64) -> Utc {
        let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Utc {
            year: yoe + era * 400 + i64::from(month <= 2),
            month,
            day,
            hour: (rest / 3600) as u8,
            minute: (rest / 60 % 60) as u8,
            second: (rest % 60) as u8,
        }
    }

    /// As `2024-04-06T08:30:00Z` (W3CDTF, what DOCX core properties take).
    pub fn iso8601(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Utc;

    #[test]
    fn epoch_seconds_become_civil_dates() {
        assert_eq!(Utc::from_epoch(0).iso8601(), "1970-01-01T00:00:00Z");
        assert_eq!(
            Utc::from_epoch(951_782_400).iso8601(),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(
            Utc::from_epoch(1_712_392_245).iso8601(),
            "2024-04-06T08:30:45Z"
        );
        assert_eq!(Utc::from_epoch(-1).iso8601(), "1969-12-31T23:59:59Z");
    }
}
