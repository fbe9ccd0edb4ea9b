package views

import (
	"net/http"
	"strconv"
)

func messageClass(status int) string {
	switch {
	case status >= 500:
		return "result-bad"
	case status >= 400:
		return "result-wait"
	default:
		return "result-info"
	}
}

func messageIcon(status int) string {
	if status >= 400 {
		return "alert"
	}
	return "info"
}

// statusText names the status for people who report a problem, e.g.
// "Error 404: Not Found".
func statusText(status int) string {
	return "Error " + strconv.Itoa(status) + ": " + http.StatusText(status)
}
