declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  export default class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    addDocument(doc: string | string[], label: string): void;
    train(): void;
    classify(doc: string | string[]): string;
    getClassifications(doc: string | string[]): Array<{ label: string; value: number }>;
  }
}
