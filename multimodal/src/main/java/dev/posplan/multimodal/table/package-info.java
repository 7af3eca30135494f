/**
 * Tables in a prompt, for 2D-TPE (table-camera.md §1): a rectangular {@link dev.posplan.multimodal.table.Table}
 * of text or token-count cells, its serialisation into the reference's 2R × (2C+1) token grid
 * ({@link dev.posplan.multimodal.table.TableGrid}), the {@link dev.posplan.multimodal.table.Tokenizer}
 * that turns cell text into ids, and the TableInstruct prompt format of the reference
 * ({@link dev.posplan.multimodal.table.TableInstruct}).
 *
 * <p>A serialised table enters a {@link dev.posplan.multimodal.TokenStream} as a
 * {@link dev.posplan.multimodal.TableBlock} ({@code TokenStream.Builder.table}), between the text runs before
 * and after it. Only the table scheme ({@code tpe2d}) positions tables; every other planner rejects a
 * stream holding one.
 */
package dev.posplan.multimodal.table;
