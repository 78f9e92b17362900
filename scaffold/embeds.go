package scaffold

// This file finishes the talks of the report model after the merge: it marks
// which titles and speaker names are the organizer's own (printed as
// written) rather than connpass text (escaped), and turns each talk's slides
// into an embed: Speaker Deck, Docswell, Google Slides and YouTube URLs
// become their embeds; anything else stays a plain link. A Speaker Deck URL
// needs the deck's data-id, which only Speaker Deck's oEmbed endpoint knows;
// when it cannot be had (offline, an error, a timeout) the post links to the
// slides and a warning says why. Nothing here can make the post fail.

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/meetup-tools/connpass-scaffold/fetch"
	"github.com/meetup-tools/connpass-scaffold/internal/embed"
	"github.com/meetup-tools/connpass-scaffold/templates"
)

// Embed kinds, as Talk.EmbedKind holds them.
const (
	EmbedSpeakerDeck  = embed.SpeakerDeck
	EmbedDocswell     = embed.Docswell
	EmbedGoogleSlides = embed.GoogleSlides
	EmbedYouTube      = embed.YouTube
)

// finishTalks sets the talks' embeds. It asks Speaker Deck for a deck's
// data-id only when the notes do not give one; and, when the templates print
// the slides' title or thumbnail (info), it asks Speaker Deck or Docswell
// for those the notes do not give. The answers are cached, so rendering
// again asks nothing; offline, only the notes and the cache count.
func finishTalks(ctx context.Context, opts Options, r *Report, info slidesInfoUse) error {
	var deck *fetch.SpeakerDeck // made on the first deck that needs it
	for i := range r.Talks {
		if err := ctx.Err(); err != nil {
			return err
		}
		t := &r.Talks[i]
		slides := strings.TrimSpace(t.Slides.Raw())
		needID := t.SpeakerDeckID == "" && fetch.IsSpeakerDeckURL(slides) && playerID(slides) == ""
		needInfo := (info.title && templates.Raw(t.SlidesTitle) == "" || info.thumbnail && t.SlidesThumbnail == "") &&
			(fetch.IsSpeakerDeckURL(slides) || fetch.IsDocswellURL(slides) && opts.DocswellBase != "")
		if needID && opts.SpeakerDeckBase == "" {
			warnf(opts, "%s: no Speaker Deck endpoint to get the data-id of %s from; the post links to the slides instead (speakerdeck_id in the notes gives the embed)", t.Label, slides)
			needID, needInfo = false, false
		}
		if needInfo && fetch.IsSpeakerDeckURL(slides) && opts.SpeakerDeckBase == "" {
			needInfo = false
		}
		if needID || needInfo {
			if deck == nil {
				deck = speakerDeckClient(opts)
			}
			got, err := deck.Slides(ctx, slides)
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				why := err.Error()
				if errors.Is(err, fetch.ErrOEmbedOffline) {
					why = "--offline, and " + why
				}
				if needID {
					warnf(opts, "%s: could not get the Speaker Deck data-id of %s (%s); the post links to the slides instead (speakerdeck_id in the notes gives the embed)", t.Label, slides, why)
				} else {
					warnf(opts, "%s: could not get the title or thumbnail of the slides %s (%s); slides_title and slides_thumbnail in the notes give them", t.Label, slides, why)
				}
			} else {
				if needID {
					t.SpeakerDeckID = got.DeckID
				}
				if templates.Raw(t.SlidesTitle) == "" && got.Title != "" {
					t.SlidesTitle = Text(got.Title)
				}
				if t.SlidesThumbnail == "" && got.Thumbnail != "" {
					t.SlidesThumbnail = URL(got.Thumbnail)
				}
			}
		}
		setEmbed(opts, t)
	}
	return nil
}

// slidesInfoUse says whether the templates print a talk's slides' title
// and its thumbnail, which only an oEmbed lookup may give.
type slidesInfoUse struct{ title, thumbnail bool }

func wantsSlidesInfo(fields []templates.FieldUse) slidesInfoUse {
	var use slidesInfoUse
	for _, u := range fields {
		if u.Type == "Talk" {
			use.title = use.title || u.Field == "SlidesTitle"
			use.thumbnail = use.thumbnail || u.Field == "SlidesThumbnail"
		}
	}
	return use
}

func speakerDeckClient(opts Options) *fetch.SpeakerDeck {
	return &fetch.SpeakerDeck{
		BaseURL:    opts.SpeakerDeckBase,
		HTTPClient: opts.HTTPClient,
		UserAgent:  fetch.UserAgent(opts.Version),
		Timeout:    opts.Timeout,
		Offline:    opts.Offline,
		Refresh:    opts.Refresh,
		Now:        opts.Now,
		Sleep:      opts.Sleep,
		Cache:      opts.cache(),

		DocswellBase: opts.DocswellBase,
	}
}

// setEmbed gives t its embed from its Speaker Deck data-id or its slides URL.
func setEmbed(opts Options, t *Talk) {
	var kind string
	id, start := t.SpeakerDeckID, 0
	if id != "" {
		kind = EmbedSpeakerDeck
	} else {
		kind, id, start = embedOf(t.Slides.Raw())
		if kind == EmbedSpeakerDeck {
			t.SpeakerDeckID = id
		}
	}
	var html string
	var err error
	switch kind {
	case "":
		return
	case EmbedSpeakerDeck:
		html, err = templates.SpeakerDeckEmbed(id)
	case EmbedDocswell:
		html, err = templates.DocswellEmbed(id)
	case EmbedGoogleSlides:
		html, err = templates.GoogleSlidesEmbed(id)
	case EmbedYouTube:
		html, err = templates.YouTubeEmbed(id, start)
	}
	if err != nil {
		warnf(opts, "%s: %v; the post links to the slides instead", t.Label, err)
		return
	}
	t.Embed, t.EmbedKind, t.EmbedID = html, kind, id
}

// playerID is the data-id in a Speaker Deck player URL
// (https://speakerdeck.com/player/<id>), else "".
func playerID(raw string) string {
	if kind, id, _ := embed.Of(raw); kind == EmbedSpeakerDeck {
		return id
	}
	return ""
}

// embedOf says which embed a slides URL becomes, and with which id
// (embed.Of): a Speaker Deck player URL, a Docswell slide, a Google Slides
// presentation or a YouTube video. kind is "" for anything else (a plain
// link).
func embedOf(raw string) (kind, id string, start int) { return embed.Of(raw) }

func warnf(opts Options, format string, args ...any) {
	opts.report().Warn(fmt.Sprintf(format, args...))
}
