//! Drawing to a non-page context.
//!
//! In 90% of the cases, you will not have to use streams. In most cases,
//! all you need to do when using this crate is to first construct a document,
//! and then add new pages to the document and use the [`Page::surface`] method to get
//! access to the drawing context. However, there are cases when you don't want to
//! draw on the main page surface, but instead you want to create a "sub-surface"
//! where you can draw independently of the main page contents. This is what streams
//! are there for. Currently, there are only two situations where you need to do that:
//!
//! - When using masks and defining the contents of the mask.
//! - When using a pattern fill or stroke and defining the contents of the pattern.
//!
//! If you want to do any of the two above, you need to call the [`Surface::stream_builder`] method
//! of the current surface. The stream builder represents a kind of sub-context that is
//! independent of the main surface you are working with. Once you have a stream builder, you
//! can once again invoke the [`StreamBuilder::surface`] method, and use this new surface to define the contents
//! of your mask/pattern. In the end, you can call [`StreamBuilder::finish`] which will return a [`Stream`] object.
//! This [`Stream`] object contains the encoded instructions of the mask/pattern, which you can
//! then use to create new [`Pattern`]/[`Mask`] objects.
//!
//! [`Page::surface`]: crate::page::Page::surface
//! [`Surface::stream_builder`]: crate::surface::Surface::stream_builder
//! [`Pattern`]: crate::graphics::paint::Pattern
//! [`Mask`]: crate::graphics::mask::Mask

use std::borrow::Cow;
use std::ops::DerefMut;

use flate2::{Compress, Compression, FlushCompress, Status};
use pdf_writer::{Array, Dict, Name};

use crate::chunk_container::ChunkContainer;
use crate::configure::ValidationError;
use crate::content::ContentBuilder;
use crate::geom::{Rect, Transform};
use crate::resource::{ResourceDictionary, ResourceDictionaryBuilder};
use crate::serialize::SerializeContext;
use crate::surface::Surface;
use crate::SerializeSettings;

/// A stream.
///
/// See the module description for an explanation of its purpose.
// The only reason we implement clone for this type is that in some cases,
// we might need to clone a pattern (including its stream)
#[derive(Debug, Hash, Eq, PartialEq, Clone)]
pub struct Stream {
    pub(crate) content: Vec<u8>,
    pub(crate) bbox: Rect,
    // Important: Each object that uses a stream must ensure to pass on the validation
    // errors to the `SerializeContext` at some point. Currently, only `Mask`,
    // `TilingPattern`, `InternalPage` and `XObject` require that.
    pub(crate) validation_errors: Vec<ValidationError>,
    pub(crate) resource_dictionary: ResourceDictionary,
    pub(crate) uses_mask: bool,
}

impl Stream {
    pub(crate) fn new(
        content: Vec<u8>,
        bbox: Rect,
        validation_errors: Vec<ValidationError>,
        resource_dictionary: ResourceDictionary,
        uses_mask: bool,
    ) -> Self {
        Self {
            content,
            bbox,
            validation_errors,
            resource_dictionary,
            uses_mask,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.content.is_empty()
    }

    pub(crate) fn empty() -> Self {
        Self {
            content: vec![],
            bbox: Rect::from_xywh(0.0, 0.0, 0.0, 0.0).unwrap(),
            validation_errors: vec![],
            resource_dictionary: ResourceDictionaryBuilder::new().finish(),
            uses_mask: false,
        }
    }
}

/// A builder to create streams.
pub struct StreamBuilder<'a> {
    sc: &'a mut SerializeContext,
    chunk_container: &'a mut ChunkContainer,
    stream: Stream,
}

impl<'a> StreamBuilder<'a> {
    pub(crate) fn new(
        sc: &'a mut SerializeContext,
        chunk_container: &'a mut ChunkContainer,
    ) -> Self {
        Self {
            sc,
            chunk_container,
            stream: Stream::empty(),
        }
    }

    /// Get the surface of the stream builder.
    pub fn surface(&mut self) -> Surface<'_> {
        // Stream builders cannot have any tags since we always pass a dummy
        // identifier. Only main page content streams can have one.
        let finish_fn = Box::new(|stream, _| {
            self.stream = stream;
        });

        Surface::new(
            self.sc,
            self.chunk_container,
            ContentBuilder::new(Transform::identity(), true, self.sc),
            None,
            finish_fn,
        )
    }

    /// Turn the stream builder into a stream.
    pub fn finish(self) -> Stream {
        self.stream
    }
}

/// A PDF stream filter.
#[derive(Debug, Copy, Clone)]
pub(crate) enum StreamFilter {
    Flate,
    FlateMemoized,
    AsciiHex,
    #[cfg(feature = "raster-images")]
    Dct,
}

impl StreamFilter {
    pub(crate) fn to_name(self) -> Name<'static> {
        match self {
            Self::AsciiHex => Name(b"ASCIIHexDecode"),
            Self::Flate => Name(b"FlateDecode"),
            Self::FlateMemoized => Name(b"FlateDecode"),
            #[cfg(feature = "raster-images")]
            Self::Dct => Name(b"DCTDecode"),
        }
    }

    pub(crate) fn is_binary(&self) -> bool {
        match self {
            StreamFilter::Flate => true,
            StreamFilter::FlateMemoized => true,
            StreamFilter::AsciiHex => false,
            #[cfg(feature = "raster-images")]
            StreamFilter::Dct => true,
        }
    }
}

impl StreamFilter {
    #[track_caller]
    pub(crate) fn apply(&self, content: &[u8]) -> Vec<u8> {
        match self {
            StreamFilter::Flate => deflate_encode(content),
            StreamFilter::FlateMemoized => deflate_encode_memoized(content),
            StreamFilter::AsciiHex => hex_encode(content),
            // Note: We don't actually encode manually with DCT, because
            // this is only used for JPEG images which are already encoded,
            // so this shouldn't be called at all.
            #[cfg(feature = "raster-images")]
            StreamFilter::Dct => panic!("can't apply dct decode"),
        }
    }
}

/// Allows us to keep track of the filters that a stream has and
/// apply them in an orderly fashion.
#[derive(Debug, Clone)]
pub(crate) enum StreamFilters {
    None,
    Single(StreamFilter),
    Multiple(Vec<StreamFilter>),
}

impl StreamFilters {
    pub(crate) fn add(&mut self, stream_filter: StreamFilter) {
        match self {
            StreamFilters::None => *self = StreamFilters::Single(stream_filter),
            StreamFilters::Single(cur) => {
                *self = StreamFilters::Multiple(vec![*cur, stream_filter])
            }
            StreamFilters::Multiple(cur) => cur.push(stream_filter),
        }
    }

    pub(crate) fn is_binary(&self) -> bool {
        match self {
            StreamFilters::None => false,
            StreamFilters::Single(s) => s.is_binary(),
            StreamFilters::Multiple(m) => m.last().unwrap().is_binary(),
        }
    }
}

pub(crate) struct FilterStreamBuilder<'a> {
    content: Cow<'a, [u8]>,
    filters: StreamFilters,
    is_binary: bool,
}

impl<'a> FilterStreamBuilder<'a> {
    fn empty(content: &'a [u8]) -> Self {
        Self {
            content: Cow::Borrowed(content),
            filters: StreamFilters::None,
            is_binary: false,
        }
    }

    fn binary(content: &'a [u8]) -> Self {
        Self {
            is_binary: true,
            ..Self::empty(content)
        }
    }

    pub(crate) fn new_from_content_stream(
        content: &'a [u8],
        serialize_settings: &SerializeSettings,
    ) -> Self {
        let mut filter_stream = Self::empty(content);

        if serialize_settings.compress_content_streams {
            filter_stream.add_filter(StreamFilter::FlateMemoized);
        }

        filter_stream
    }

    pub(crate) fn new_from_deflated(content: &'a [u8]) -> Self {
        let mut filter_stream = Self::empty(content);
        filter_stream.add_unapplied_filter(StreamFilter::Flate);

        filter_stream
    }

    /// A font program, deflated as `SerializeSettings::font_deflate_pieces` says.
    pub(crate) fn new_from_font_program(
        content: &'a [u8],
        serialize_settings: &SerializeSettings,
    ) -> Self {
        match serialize_settings.font_deflate_pieces {
            None => Self::new_from_binary_data(content),
            Some(level) => {
                let mut filter_stream = Self::binary(content);
                filter_stream.content = Cow::Owned(deflate_in_pieces(content, level));
                filter_stream.filters.add(StreamFilter::Flate);
                filter_stream
            }
        }
    }

    pub(crate) fn new_from_binary_data(content: &'a [u8]) -> Self {
        let mut filter_stream = Self::binary(content);
        filter_stream.add_filter(StreamFilter::Flate);

        filter_stream
    }

    pub(crate) fn new_auto_compressed(content: &'a [u8]) -> Self {
        let filter_stream = Self::new_from_binary_data(content);

        const MAX_COMPRESSED_SIZE: usize = 75;
        if content.is_empty()
            || 100 * filter_stream.content.len() / content.len() > MAX_COMPRESSED_SIZE
        {
            return Self::binary(content);
        }

        filter_stream
    }

    pub(crate) fn new_from_uncompressed(content: &'a [u8]) -> Self {
        Self::binary(content)
    }

    #[cfg(feature = "raster-images")]
    pub(crate) fn new_from_jpeg_data(content: &'a [u8]) -> Self {
        let mut filter_stream = Self::empty(content);
        // JPEG data already is DCT encoded.
        filter_stream.add_unapplied_filter(StreamFilter::Dct);

        filter_stream
    }

    pub(crate) fn finish(mut self, serialize_settings: &SerializeSettings) -> FilterStream<'a> {
        if serialize_settings.ascii_compatible
            && !self.content.is_empty()
            && (self.filters.is_binary()
                || (self.is_binary && self.content.iter().any(|byte| !byte.is_ascii())))
        {
            self.add_filter(StreamFilter::AsciiHex);
        }

        FilterStream {
            content: self.content,
            filters: self.filters,
        }
    }

    fn add_filter(&mut self, filter: StreamFilter) {
        self.content = Cow::Owned(filter.apply(&self.content));
        self.filters.add(filter);
    }

    fn add_unapplied_filter(&mut self, filter: StreamFilter) {
        self.filters.add(filter);
    }
}

pub(crate) struct FilterStream<'a> {
    content: Cow<'a, [u8]>,
    filters: StreamFilters,
}

impl FilterStream<'_> {
    /// The stream with its data owned, to keep or send to another thread.
    pub(crate) fn into_owned(self) -> FilterStream<'static> {
        FilterStream {
            content: Cow::Owned(self.content.into_owned()),
            filters: self.filters,
        }
    }

    pub(crate) fn encoded_data(&self) -> &[u8] {
        &self.content
    }

    pub(crate) fn write_filters<'b, T>(&self, mut dict: T)
    where
        T: DerefMut<Target = Dict<'b>>,
    {
        match &self.filters {
            StreamFilters::None => {}
            StreamFilters::Single(filter) => {
                dict.deref_mut().pair(Name(b"Filter"), filter.to_name());
            }
            StreamFilters::Multiple(filters) => {
                dict.deref_mut()
                    .insert(Name(b"Filter"))
                    .start::<Array>()
                    .items(filters.iter().map(|f| f.to_name()).rev());
            }
        }
    }
}

#[cfg_attr(feature = "comemo", comemo::memoize)]
fn deflate_encode_memoized(data: &[u8]) -> Vec<u8> {
    deflate_encode(data)
}

pub(crate) fn deflate_encode(data: &[u8]) -> Vec<u8> {
    const COMPRESSION_LEVEL: u32 = 6;
    with_compressor(Compression::new(COMPRESSION_LEVEL), true, |compressor| {
        deflate_with(compressor, data, FlushCompress::Finish)
    })
}

/// Runs `f` with this thread's compressor for `level` and `zlib_header`, reset. A new
/// compressor allocates and clears its window and hash tables (a few hundred KiB) for every
/// stream, however small; a reset one writes the same bytes as a new one. Each thread keeps
/// one compressor of each kind, for the level it last had.
fn with_compressor<R>(
    level: Compression,
    zlib_header: bool,
    f: impl FnOnce(&mut Compress) -> R,
) -> R {
    type Kept = std::cell::RefCell<Option<(Compression, Compress)>>;
    thread_local! {
        static ZLIB: Kept = const { std::cell::RefCell::new(None) };
        static RAW: Kept = const { std::cell::RefCell::new(None) };
    }
    let kept = if zlib_header { &ZLIB } else { &RAW };
    kept.with_borrow_mut(|kept| {
        let compressor = match kept {
            Some((kept_level, compressor)) if *kept_level == level => {
                compressor.reset();
                compressor
            }
            _ => &mut kept.insert((level, Compress::new(level, zlib_header))).1,
        };
        f(compressor)
    })
}

/// `data` through `compressor`, straight into the output, ended by `flush` (`Sync` or
/// `Finish`).
fn deflate_with(compressor: &mut Compress, data: &[u8], flush: FlushCompress) -> Vec<u8> {
    // The output starts at half the input's size.
    let mut output = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        let consumed = compressor.total_in() as usize;
        let status = compressor
            .compress_vec(&data[consumed..], &mut output, flush)
            .expect("deflating a buffer in memory cannot fail");
        let all_in = compressor.total_in() as usize == data.len();
        // Done when the stream has ended, or, for a sync flush, when all the input is in and
        // the output was not filled (so the flush's empty stored block was written whole).
        if status == Status::StreamEnd
            || (matches!(flush, FlushCompress::Sync) && all_in && output.len() < output.capacity())
        {
            return output;
        }
        output.reserve(output.capacity());
    }
}

/// Deflates `data` at `level` in pieces of at most `PIECE` bytes, each deflated on its own (on
/// rayon's threads when that feature is on) and joined into one zlib stream: every piece but
/// the last ends with a sync flush, so the next one starts on a byte boundary, with an empty
/// window. The pieces are cut by the data's length alone, so the bytes never depend on the
/// number of threads.
pub(crate) fn deflate_in_pieces(data: &[u8], level: u8) -> Vec<u8> {
    const PIECE: usize = 128 * 1024;
    let level = Compression::new(u32::from(level.min(9)));
    let count = data.len().div_ceil(PIECE).max(1);
    let piece_len = data.len().div_ceil(count).max(1);
    let pieces = data.chunks(piece_len).collect::<Vec<_>>();
    let last = pieces.len().saturating_sub(1);
    let deflated = crate::util::map_all(pieces.into_iter().enumerate().collect(), |(i, piece)| {
        let flush = if i == last {
            FlushCompress::Finish
        } else {
            FlushCompress::Sync
        };
        deflate_raw(piece, level, flush)
    });

    let mut output = Vec::with_capacity(2 + deflated.iter().map(Vec::len).sum::<usize>() + 4);
    output.extend(zlib_header(level));
    if deflated.is_empty() {
        output.extend(deflate_raw(&[], level, FlushCompress::Finish));
    }
    for piece in deflated {
        output.extend(piece);
    }
    output.extend(adler2::adler32_slice(data).to_be_bytes());
    output
}

/// `data` as raw deflate blocks, ended by `flush` (`Sync` or `Finish`).
fn deflate_raw(data: &[u8], level: Compression, flush: FlushCompress) -> Vec<u8> {
    with_compressor(level, false, |compressor| {
        deflate_with(compressor, data, flush)
    })
}

/// The two bytes that start a zlib stream with a 32 KiB window at `level` (RFC 1950, 2.2).
fn zlib_header(level: Compression) -> [u8; 2] {
    const DEFLATE_32K_WINDOW: u8 = 0x78;
    let flevel: u8 = match level.level() {
        0..=1 => 0,
        2..=5 => 1,
        6 => 2,
        _ => 3,
    };
    let flags = flevel << 6;
    let check = 31 - ((u16::from(DEFLATE_32K_WINDOW) * 256 + u16::from(flags)) % 31) as u8;
    [DEFLATE_32K_WINDOW, flags | (check % 31)]
}

fn hex_encode(data: &[u8]) -> Vec<u8> {
    use std::fmt::Write;

    const COLUMNS: usize = 35;
    let len = data.len();
    let capacity = 2 * len + len / COLUMNS;
    let mut output = String::with_capacity(capacity);
    for (index, byte) in data.iter().enumerate() {
        write!(output, "{byte:02X}").unwrap();
        if index % COLUMNS == COLUMNS - 1 {
            output.push('\n');
        }
    }
    output.into_bytes()
}

#[cfg(test)]
mod deflate_tests {
    use super::{deflate_encode, deflate_in_pieces};
    use std::io::Read;

    fn inflate(zlib: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(zlib)
            .read_to_end(&mut out)
            .expect("a valid zlib stream with a correct Adler-32");
        out
    }

    /// Bytes that compress somewhat, like a font program: not all alike, not random.
    fn sample(len: usize) -> Vec<u8> {
        let mut state = 12345u32;
        (0..len)
            .map(|i| {
                state = state.wrapping_mul(1103515245).wrapping_add(12345);
                if i % 7 == 0 {
                    (state >> 24) as u8
                } else {
                    (i % 251) as u8
                }
            })
            .collect()
    }

    #[test]
    fn deflate_in_pieces_round_trips() {
        for len in [0, 1, 1000, 128 * 1024, 128 * 1024 + 1, 453_000] {
            let data = sample(len);
            for level in [1, 6, 7, 9] {
                assert_eq!(
                    inflate(&deflate_in_pieces(&data, level)),
                    data,
                    "{len} at {level}"
                );
            }
        }
    }

    #[test]
    fn deflate_in_pieces_is_one_zlib_stream_when_small() {
        // Up to one piece, the output is exactly what a single zlib stream at that level gives.
        let data = sample(50_000);
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        std::io::Write::write_all(&mut encoder, &data).unwrap();
        assert_eq!(deflate_in_pieces(&data, 6), encoder.finish().unwrap());
    }

    #[test]
    fn deflate_in_pieces_is_deterministic() {
        let data = sample(400_000);
        assert_eq!(deflate_in_pieces(&data, 7), deflate_in_pieces(&data, 7));
    }

    #[test]
    fn reused_compressor_writes_what_a_new_one_writes() {
        let first = sample(300_000);
        let second = sample(20_000);
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        std::io::Write::write_all(&mut encoder, &second).unwrap();
        let fresh = encoder.finish().unwrap();
        assert_eq!(inflate(&deflate_encode(&first)), first);
        assert_eq!(deflate_encode(&second), fresh);
    }
}
