// Package jsonapi is the request half the JSON-over-HTTP connectors share (WhatsApp, YouTube):
// encode the body, set the bearer token and JSON headers, read a bounded answer. What a status or
// a transport error means, and taking the account's secrets out of it, stays with each connector.
package jsonapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"tend/backend"
)

// Response is a platform's answer, read whole up to the limit.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Exchange sends body, JSON-encoded when not nil, to url with the bearer token when it is not
// empty, and reads at most limit bytes of the answer. Its errors are the transport's, unmapped;
// when ctx ended, the error is ctx's own, so errors.Is(err, context.Canceled) holds. A body that
// cannot be encoded is a bug, reported as EINTERNAL.
func Exchange(ctx context.Context, client *http.Client, method, url, token string, body any, limit int64) (Response, error) {
	var reader io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return Response{}, backend.Wrap(backend.EINTERNAL, err, "Internal error.")
		}
		reader = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, reader)
	if err != nil {
		return Response{}, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return Response{}, ctx.Err()
		}
		return Response{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return Response{}, err
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: data}, nil
}

// Internal reports whether err is Exchange's own EINTERNAL, to be returned as it is. Transport
// errors are not *backend.Error and must be mapped (and redacted) by the caller.
func Internal(err error) bool {
	var e *backend.Error
	return errors.As(err, &e) && e.Code == backend.EINTERNAL
}
