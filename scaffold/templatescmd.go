package scaffold

// ExportTemplates writes the default templates to dir.
func ExportTemplates(opts Options, dir string) error {
	return userErr("scaffold templates export is not implemented yet")
}

// PrintFields prints every field of the report model.
func PrintFields(opts Options) error {
	return userErr("scaffold templates fields is not implemented yet")
}
