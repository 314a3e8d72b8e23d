package main

import "github.com/commons-toolkit/commons/partnership"

// stepError is the failure of one step of a command on one file ("render pacte.yaml: …"),
// written in the language of messages: the step is a message of the catalogue, and the error
// it wraps is written by partnership.ErrorArg.
type stepError struct {
	code, file string
	err        error
}

// failedStep wraps err as the failure of the step code (a message of the catalogue taking the
// file and the reason) on file.
func failedStep(code, file string, err error) error {
	return &stepError{code: code, file: file, err: err}
}

func (e *stepError) Error() string { return e.Msg().In(partnership.English) }
func (e *stepError) Unwrap() error { return e.err }
func (e *stepError) Msg() partnership.Msg {
	return partnership.M(e.code, e.file, partnership.ErrorArg{Err: e.err})
}
