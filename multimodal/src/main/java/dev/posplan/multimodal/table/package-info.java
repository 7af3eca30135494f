/**
 * Tables in a prompt, for 2D-TPE (table-camera.md §1): a rectangular {@link dev.posplan.multimodal.table.Table}
 * of text or token-count cells, its serialisation into the reference's 2R × (2C+1) token grid
 * ({@link dev.posplan.multimodal.table.TableGrid}), the sequence of text runs and tables a planner reads
 * ({@link dev.posplan.multimodal.table.TableSequence}), the {@link dev.posplan.multimodal.table.Tokenizer}
 * that turns cell text into ids, and the TableInstruct prompt format of the reference
 * ({@link dev.posplan.multimodal.table.TableInstruct}).
 *
 * <p>Tables are their own input type rather than a {@link dev.posplan.multimodal.Segment} of
 * {@link dev.posplan.multimodal.TokenStream}: only the table scheme knows what to do with one, and every
 * other planner keeps its exhaustive handling of text, visual blocks and padding.
 */
package dev.posplan.multimodal.table;
