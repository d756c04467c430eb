/** The findings as a table (with the evidence under each row for --explain) or as JSON Lines. */
package io.jcoro.disklog.report;
