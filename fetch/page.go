package fetch

import (
	"bytes"
	"fmt"

	"github.com/PuerkitoBio/goquery"
)

// SavedPage is a page the organizer saved from the browser, read as the
// kind of page it is.
type SavedPage struct {
	Kind          PageKind
	Event         *Event         // for PageEvent
	Participation *Participation // for PageParticipation
}

// ReadSavedPage parses a saved page once, tells its kind from the parsed
// tree (pageKind) and reads that tree with the parser the kind
// needs: ParseParticipationPage's for a participation page, else
// ParseEventPage's, with its errors (a *NotEventPageError for a page that
// is neither). The page is first decoded from the charset it declares
// (DecodePage; an *EncodingError when it cannot be). The event's description keeps its tree for Timetable.
func ReadSavedPage(data []byte) (*SavedPage, error) {
	data, err := DecodePage(data) // the declared charset (Shift_JIS, ...) to UTF-8
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &NotEventPageError{Missing: missingHTML}
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parsing the page: %w", err)
	}
	page := &SavedPage{Kind: pageKind(doc)}
	if page.Kind == PageParticipation {
		page.Participation, err = participationOf(doc)
	} else {
		page.Event, err = eventOf(doc)
	}
	if err != nil {
		return nil, err
	}
	return page, nil
}
