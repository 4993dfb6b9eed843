package relevance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Lucene RussianAnalyzer + BM25 over the benchmark's paragraphs. Reads the paragraphs (id TAB text) from
 * the file named first, then queries (qid TAB query) on stdin; prints, per query, "qid TAB id id ..." (the
 * top 10, best first). Each query is the analyzed words OR-ed (a match query, as Elasticsearch's default);
 * with "fuzzy" as the second argument every word also matches at one edit (Elasticsearch's fuzziness 1).
 */
public final class Baseline {
  public static void main(String[] args) throws IOException {
    boolean fuzzy = args.length > 1 && args[1].equals("fuzzy");
    Analyzer analyzer = new RussianAnalyzer();
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
        int tab = line.indexOf('\t');
        Document doc = new Document();
        doc.add(new StoredField("id", line.substring(0, tab)));
        doc.add(new TextField("text", line.substring(tab + 1), Field.Store.NO));
        writer.addDocument(doc);
      }
    }
    IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
    searcher.setSimilarity(new BM25Similarity());
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      int tab = line.indexOf('\t');
      BooleanQuery.Builder query = new BooleanQuery.Builder();
      for (String term : analyze(analyzer, line.substring(tab + 1))) {
        Query q = fuzzy ? new FuzzyQuery(new Term("text", term), 1) : new TermQuery(new Term("text", term));
        query.add(q, BooleanClause.Occur.SHOULD);
      }
      StringBuilder ids = new StringBuilder(line.substring(0, tab)).append('\t');
      for (ScoreDoc hit : searcher.search(query.build(), 10).scoreDocs)
        ids.append(searcher.storedFields().document(hit.doc).get("id")).append(' ');
      out.println(ids.toString().trim());
    }
    out.flush();
  }

  private static List<String> analyze(Analyzer analyzer, String text) throws IOException {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) terms.add(term.toString());
      stream.end();
    }
    return terms;
  }
}
